package dev.strait.emulator;

import io.vertx.core.json.JsonObject;

/**
 * Error bodies exactly as each provider writes them; SDKs pick the exception class from the status
 * and read these fields, so the shapes matter more than the wording.
 */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static JsonObject render(Dialect dialect, int status, String message) {
        String text = message == null ? defaultMessage(status) : message;
        return switch (dialect) {
            case ANTHROPIC -> new JsonObject()
                    .put("type", "error")
                    .put("error", new JsonObject().put("type", anthropicType(status)).put("message", text));
            // Azure's own front door (auth, routing, throttling) answers {code, message}; request
            // validation errors come from the OpenAI service behind it and keep OpenAI's shape.
            case AZURE -> status == 400
                    ? openAi(status, text)
                    : new JsonObject().put("error", new JsonObject().put("code", String.valueOf(status)).put("message", text));
            case OPENAI -> openAi(status, text);
        };
    }

    private static JsonObject openAi(int status, String message) {
        String type = switch (status) {
            case 429 -> "requests";
            case 400, 401, 403, 404 -> "invalid_request_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
        String code = switch (status) {
            case 401 -> "invalid_api_key";
            case 404 -> "unknown_url";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        };
        return new JsonObject().put("error", new JsonObject()
                .put("message", message)
                .put("type", type)
                .put("param", null)
                .put("code", code));
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 401 -> "Missing API key (emulator)";
            case 404 -> "Resource not found";
            case 429 -> "Rate limit reached (emulated fault)";
            case 500 -> "The server had an error while processing your request (emulated fault)";
            case 503, 529 -> "Overloaded (emulated fault)";
            default -> "Emulated error " + status;
        };
    }
}
