package dev.strait.gateway.front;

/** What a request asks the gateway to do. */
public enum Endpoint {
    CHAT("chat"),
    EMBEDDINGS("embeddings"),
    MESSAGES("chat"),
    LIST_MODELS(null),
    GET_MODEL(null),
    /** A request that matched no route; it only ever gets a 404 or 405. */
    UNMATCHED(null);

    /** The OpenTelemetry {@code gen_ai.operation.name}; null for endpoints the gateway answers itself. */
    public final String operation;

    Endpoint(String operation) {
        this.operation = operation;
    }

    /** Whether the request goes to an upstream. */
    public boolean proxied() {
        return operation != null;
    }
}
