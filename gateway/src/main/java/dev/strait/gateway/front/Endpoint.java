package dev.strait.gateway.front;

/** What a request asks the gateway to do. */
public enum Endpoint {
    CHAT("chat"),
    EMBEDDINGS("embeddings"),
    MESSAGES("chat"),
    /** OpenAI's Responses API, served over chat completions (or Anthropic messages) upstream. */
    RESPONSES("chat"),
    /** {@code GET} and {@code DELETE /v1/responses/{id}}: answered from the gateway's own store. */
    STORED_RESPONSE(null),
    /** Legacy {@code /v1/completions}, served over chat completions upstream. */
    COMPLETIONS("text_completion"),
    /** Anthropic's {@code /v1/messages/count_tokens}, answered locally. */
    COUNT_TOKENS(null),
    /** {@code /v1/files[/{id}[/content]]}: hosted by the node, not proxied. */
    FILES(null),
    /** {@code /v1/batches[/{id}[/cancel]]}: hosted by the node, not proxied. */
    BATCHES(null),
    LIST_MODELS(null),
    GET_MODEL(null),
    /** A request that matched no route; it only ever gets a 404 or 405. */
    UNMATCHED(null);

    /** The OpenTelemetry {@code gen_ai.operation.name}; null for endpoints the gateway answers itself. */
    public final String operation;

    Endpoint(String operation) {
        this.operation = operation;
    }

    /** Whether the body is read as it is (multipart uploads) rather than parsed as JSON. */
    public boolean rawBody() {
        return this == FILES;
    }

    /** Whether the request goes to an upstream. */
    public boolean proxied() {
        return operation != null;
    }
}
