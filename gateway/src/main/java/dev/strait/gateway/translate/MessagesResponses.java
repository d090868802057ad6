package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Anthropic message responses built from OpenAI ones. */
public final class MessagesResponses {

    private MessagesResponses() {
    }

    /**
     * An OpenAI {@code chat.completion} as an Anthropic {@code message}. Only the first choice is
     * read: requests with {@code n > 1} never reach an OpenAI upstream from an Anthropic caller.
     * A refusal becomes text, since Anthropic answers refusals in words.
     */
    public static ObjectNode fromChat(ObjectNode chatResponse, String model) {
        JsonNode choice = chatResponse.path("choices").path(0);
        JsonNode message = choice.path("message");
        ArrayNode content = Json.array();
        addText(content, Json.text(message, "content"));
        addText(content, Json.text(message, "refusal"));
        JsonNode calls = message.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                ObjectNode use = content.addObject();
                use.put("type", "tool_use");
                use.put("id", Json.text(call, "id"));
                use.put("name", Json.text(call.path("function"), "name"));
                use.set("input", Json.argumentsObject(Json.text(call.path("function"), "arguments")));
            }
        }
        ObjectNode out = Json.object();
        out.put("id", Ids.messageIdFromChat(Json.text(chatResponse, "id")));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", model);
        out.set("content", content);
        out.put("stop_reason", StopReasons.toAnthropic(Json.text(choice, "finish_reason")));
        out.putNull("stop_sequence");
        out.set("usage", Usages.toAnthropic(Usages.fromOpenAi(chatResponse.get("usage"))));
        return out;
    }

    private static void addText(ArrayNode content, String text) {
        if (text != null && !text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
    }
}
