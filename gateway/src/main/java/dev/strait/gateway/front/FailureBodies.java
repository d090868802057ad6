package dev.strait.gateway.front;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.error.Failure;

/** Writes a {@link Failure} as the error object of the caller's own API, so its SDK raises its own typed error. */
public final class FailureBodies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FailureBodies() {}

    public static ObjectNode render(Dialect dialect, Failure failure, String requestId) {
        return dialect == Dialect.ANTHROPIC ? anthropic(failure, requestId) : openAi(failure);
    }

    static ObjectNode openAi(Failure failure) {
        ObjectNode error = JSON.objectNode()
                .put("message", failure.message())
                .put("type", openAiType(failure.kind()))
                .put("param", failure.param())
                .put("code", failure.code());
        return JSON.objectNode().set("error", error);
    }

    static ObjectNode anthropic(Failure failure, String requestId) {
        ObjectNode error = JSON.objectNode()
                .put("type", anthropicType(failure.kind()))
                .put("message", failure.message());
        ObjectNode body = JSON.objectNode().put("type", "error");
        body.set("error", error);
        return body.put("request_id", requestId);
    }

    public static String openAiType(Failure.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, NOT_FOUND, TOO_LARGE -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case RATE_LIMITED -> "rate_limit_error";
            case INTERNAL, UPSTREAM, UNAVAILABLE, TIMEOUT -> "server_error";
        };
    }

    public static String anthropicType(Failure.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case TOO_LARGE -> "request_too_large";
            case RATE_LIMITED -> "rate_limit_error";
            case UNAVAILABLE -> "overloaded_error";
            case INTERNAL, UPSTREAM, TIMEOUT -> "api_error";
        };
    }
}
