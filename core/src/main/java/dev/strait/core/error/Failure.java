package dev.strait.core.error;

import java.time.Duration;

/**
 * Why a request stops short of a normal answer. Every stage speaks this one type; the front
 * renders it once into the caller's dialect, so a rule never has to know who is asking.
 *
 * @param code machine-readable code that names the rule or condition (e.g. {@code model_not_found})
 * @param param the request field at fault, or null
 * @param retryAfter how long the caller should wait, or null
 */
public record Failure(Kind kind, String code, String message, String param, Duration retryAfter) {

    public enum Kind {
        INVALID_REQUEST(400),
        AUTHENTICATION(401),
        PERMISSION(403),
        NOT_FOUND(404),
        TOO_LARGE(413),
        RATE_LIMITED(429),
        INTERNAL(500),
        UPSTREAM(502),
        UNAVAILABLE(503),
        TIMEOUT(504);

        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    public int status() {
        return kind.status;
    }

    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind.status >= 500;
    }

    public static Failure invalid(String code, String message, String param) {
        return new Failure(Kind.INVALID_REQUEST, code, message, param, null);
    }

    public static Failure notFound(String code, String message) {
        return new Failure(Kind.NOT_FOUND, code, message, null, null);
    }

    public static Failure of(Kind kind, String code, String message) {
        return new Failure(kind, code, message, null, null);
    }

    public FailureException asException() {
        return new FailureException(this);
    }
}
