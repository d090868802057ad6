package dev.strait.gateway.responses;

/**
 * A response kept for {@code GET /v1/responses/{id}} and for continuing its conversation.
 *
 * @param orgId the only organization that may read or continue it
 * @param response the Response object as the caller received it (JSON)
 * @param conversation the chat messages up to and including this response's answer (a JSON array),
 *     without instructions: those are not carried over to a continuation
 */
public record StoredResponse(String id, String orgId, long createdAt, String response, String conversation) {}
