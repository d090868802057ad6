package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Error bodies in either dialect. The HTTP status decides the error's type, because both SDKs
 * choose their exception class by status and a client's retry logic follows it; the upstream's
 * message is kept because it is what tells the caller what to fix.
 */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /** An OpenAI error body ({@code {"error":{"message",...}}}) as an Anthropic one. */
    public static ObjectNode anthropicFromOpenAi(int status, ObjectNode openAiErrorBody) {
        return anthropic(status, messageOf(status, openAiErrorBody));
    }

    /** An Anthropic error body ({@code {"type":"error","error":{...}}}) as an OpenAI one. */
    public static ObjectNode openAiFromAnthropic(int status, ObjectNode anthropicErrorBody) {
        return openAi(status, messageOf(status, anthropicErrorBody), null);
    }

    /** {@code {"type":"error","error":{"type":...,"message":...}}}, typed by status. */
    public static ObjectNode anthropic(int status, String message) {
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", anthropicType(status)).put("message", message);
        return body;
    }

    /** {@code {"error":{"message","type","param","code"}}}, typed by status. */
    public static ObjectNode openAi(int status, String message, String param) {
        ObjectNode error = Json.object().putObject("error");
        error.put("message", message);
        error.put("type", openAiType(status));
        error.put("param", param);
        error.put("code", openAiCode(status));
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }

    /**
     * The status to answer an OpenAI caller with. 529 is Anthropic's own; OpenAI clients know
     * 503 as "overloaded, retry later".
     */
    public static int openAiStatus(int upstreamStatus) {
        return upstreamStatus == 529 ? 503 : upstreamStatus;
    }

    static String anthropicType(int status) {
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

    static String openAiType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static String openAiCode(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_exceeded";
            case 503, 529 -> "overloaded";
            default -> null;
        };
    }

    /** The status an error {@code type} stands for, for errors that arrive mid-stream without one. */
    static int statusOfAnthropicType(String type) {
        return switch (String.valueOf(type)) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    static int statusOfOpenAiError(JsonNode error) {
        String code = String.valueOf(Json.text(error, "code"));
        String type = String.valueOf(Json.text(error, "type"));
        if (code.equals("rate_limit_exceeded") || type.equals("rate_limit_error") || type.equals("requests")
                || type.equals("tokens") || type.equals("insufficient_quota")) {
            return 429;
        }
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            default -> 500;
        };
    }

    /** The upstream's message wherever its dialect put it, or a plain statement of the status. */
    static String messageOf(int status, JsonNode body) {
        JsonNode error = body == null ? null : body.get("error");
        String message = error != null && error.isTextual() ? error.asText() : Json.text(error, "message");
        if (message == null) {
            message = Json.text(body, "message");
        }
        return message != null && !message.isBlank() ? message : "The upstream model returned HTTP " + status + ".";
    }
}
