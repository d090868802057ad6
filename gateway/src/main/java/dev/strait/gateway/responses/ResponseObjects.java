package dev.strait.gateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.gateway.translate.TokenUsage;

/** The shapes of OpenAI's Responses API: the response object, its output items, its usage. */
final class ResponseObjects {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResponseObjects() {}

    /**
     * The response object with every field the SDKs expect, echoing the request's settings.
     *
     * @param usage null while the response is in progress
     */
    static ObjectNode response(ResponsesCall call, String status, ArrayNode output, TokenUsage usage) {
        ObjectNode request = call.request();
        ObjectNode r = JSON.objectNode();
        r.put("id", call.id()).put("object", "response").put("created_at", call.createdAt()).put("status", status);
        r.put("background", false);
        r.putNull("error");
        if (status.equals("incomplete")) {
            r.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            r.putNull("incomplete_details");
        }
        r.set("instructions", request.path("instructions").isTextual() ? request.get("instructions") : JSON.nullNode());
        r.set("max_output_tokens", request.path("max_output_tokens").isNumber() ? request.get("max_output_tokens")
                : JSON.nullNode());
        r.put("model", call.model());
        r.set("output", output);
        r.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        r.set("previous_response_id", request.path("previous_response_id").isTextual()
                ? request.get("previous_response_id") : JSON.nullNode());
        r.putObject("reasoning").putNull("effort").putNull("summary");
        r.put("store", call.store());
        r.put("temperature", request.path("temperature").asDouble(1.0));
        r.set("text", request.path("text").isObject() ? request.get("text")
                : JSON.objectNode().set("format", JSON.objectNode().put("type", "text")));
        r.set("tool_choice", request.hasNonNull("tool_choice") ? request.get("tool_choice") : JSON.textNode("auto"));
        r.set("tools", request.path("tools").isArray() ? request.get("tools") : JSON.arrayNode());
        r.put("top_p", request.path("top_p").asDouble(1.0));
        r.put("truncation", "disabled");
        r.set("usage", usage == null ? JSON.nullNode() : usage(usage));
        r.set("user", request.path("user").isTextual() ? request.get("user") : JSON.nullNode());
        r.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : JSON.objectNode());
        return r;
    }

    static ObjectNode usage(TokenUsage usage) {
        ObjectNode u = JSON.objectNode();
        u.put("input_tokens", usage.inputTokens());
        u.putObject("input_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        u.put("output_tokens", usage.outputTokens());
        u.putObject("output_tokens_details").put("reasoning_tokens", 0);
        u.put("total_tokens", usage.totalTokens());
        return u;
    }

    /** The output items of a (non-streamed) chat completion's first choice. */
    static ArrayNode outputFromChat(ResponsesCall call, JsonNode completion) {
        ArrayNode output = JSON.arrayNode();
        JsonNode message = completion.path("choices").path(0).path("message");
        String text = message.path("content").isTextual() ? message.path("content").asText() : "";
        if (!text.isEmpty() || message.path("refusal").isTextual()) {
            ObjectNode item = messageItem(call.itemId("msg_", output.size()), "completed");
            if (message.path("refusal").isTextual()) {
                item.withArray("content").addObject().put("type", "refusal").put("refusal", message.path("refusal").asText());
            } else {
                item.withArray("content").add(textPart(text));
            }
            output.add(item);
        }
        for (JsonNode call_ : message.path("tool_calls")) {
            output.add(functionCall(call.itemId("fc_", output.size()), call_.path("id").asText(),
                    call_.path("function").path("name").asText(), call_.path("function").path("arguments").asText(""),
                    "completed"));
        }
        return output;
    }

    static ObjectNode messageItem(String id, String status) {
        ObjectNode item = JSON.objectNode().put("id", id).put("type", "message").put("status", status)
                .put("role", "assistant");
        item.putArray("content");
        return item;
    }

    static ObjectNode textPart(String text) {
        ObjectNode part = JSON.objectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        return JSON.objectNode().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId).put("name", name);
    }

    /** The assistant's turn as a chat message, to continue the conversation from. */
    static ObjectNode assistantTurn(ArrayNode output) {
        ObjectNode message = JSON.objectNode().put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = JSON.arrayNode();
        for (JsonNode item : output) {
            if (item.path("type").asText().equals("message")) {
                item.path("content").forEach(part -> text.append(part.path("text").asText(part.path("refusal").asText(""))));
            } else if (item.path("type").asText().equals("function_call")) {
                calls.addObject().put("id", item.path("call_id").asText()).put("type", "function")
                        .putObject("function").put("name", item.path("name").asText())
                        .put("arguments", item.path("arguments").asText());
            }
        }
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return message;
    }

    /** The status a chat finish reason gives the response. */
    static String status(String finishReason) {
        return "length".equals(finishReason) ? "incomplete" : "completed";
    }
}
