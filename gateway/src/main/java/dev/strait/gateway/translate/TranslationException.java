package dev.strait.gateway.translate;

/**
 * A request that is valid in the caller's dialect but has no equivalent in the upstream's. It is
 * the caller's input that cannot be honoured, so the gateway renders it as a 400 in the caller's
 * dialect, naming {@link #param()} the way both APIs name the offending field.
 */
public final class TranslationException extends RuntimeException {

    private final String param;

    public TranslationException(String param, String message) {
        super(message);
        this.param = param;
    }

    /** The offending field in the caller's request, e.g. {@code n} or {@code messages[2].content[0]}. */
    public String param() {
        return param;
    }
}
