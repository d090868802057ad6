package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI chat completion responses built from Anthropic ones. */
public final class ChatResponses {

    private ChatResponses() {
    }

    /**
     * An Anthropic {@code message} as an OpenAI {@code chat.completion}. Text blocks are joined
     * into one content string (null when there are none, as OpenAI reports a tool-only answer);
     * thinking blocks are dropped, since Chat Completions has no field for them.
     */
    public static ObjectNode fromMessages(ObjectNode message, String model, long createdEpochSeconds) {
        StringBuilder text = new StringBuilder();
        boolean hasText = false;
        ArrayNode calls = Json.array();
        for (JsonNode block : message.path("content")) {
            String type = Json.text(block, "type");
            if ("text".equals(type)) {
                text.append(Json.text(block, "text"));
                hasText = true;
            } else if ("tool_use".equals(type)) {
                ObjectNode call = calls.addObject();
                call.put("id", Json.text(block, "id"));
                call.put("type", "function");
                ObjectNode function = call.putObject("function");
                function.put("name", Json.text(block, "name"));
                JsonNode input = block.get("input");
                function.put("arguments", Json.write(input == null ? Json.object() : input));
            }
        }
        ObjectNode reply = Json.object().put("role", "assistant");
        reply.put("content", hasText ? text.toString() : null);
        reply.putNull("refusal");
        if (!calls.isEmpty()) {
            reply.set("tool_calls", calls);
        }
        ObjectNode out = Json.object();
        out.put("id", Ids.chatIdFromMessage(Json.text(message, "id")));
        out.put("object", "chat.completion");
        out.put("created", createdEpochSeconds);
        out.put("model", model);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", reply);
        choice.putNull("logprobs");
        choice.put("finish_reason", StopReasons.toOpenAi(Json.text(message, "stop_reason")));
        out.set("usage", Usages.toOpenAi(Usages.fromAnthropic(message.get("usage"))));
        return out;
    }
}
