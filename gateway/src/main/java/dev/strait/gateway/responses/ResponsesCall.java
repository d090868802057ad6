package dev.strait.gateway.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Responses request on its way: what the answer must echo, and the conversation it continues.
 *
 * @param request the caller's Responses body, as sent
 * @param conversation earlier turns (from {@code previous_response_id}) followed by this request's input
 * @param store whether the answer is kept for GET and for continuations
 */
record ResponsesCall(String id, String orgId, long createdAt, ObjectNode request, ArrayNode conversation,
        boolean store) {

    String model() {
        return request.path("model").asText();
    }

    /** Output item ids: the response's own id with a suffix, unique within the response and traceable to it. */
    String itemId(String prefix, int outputIndex) {
        return prefix + id.substring("resp_".length()) + "_" + outputIndex;
    }
}
