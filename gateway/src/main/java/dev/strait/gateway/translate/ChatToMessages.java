package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Chat Completions request as an Anthropic Messages request, for a caller speaking
 * OpenAI to a Claude deployment.
 *
 * <p>Not translated, because Anthropic has no equivalent: {@code n > 1} (rejected), audio and
 * file parts (rejected), {@code logprobs}, {@code logit_bias}, {@code seed},
 * {@code frequency_penalty}, {@code presence_penalty}, {@code stream_options} (Anthropic always
 * reports usage in its stream) and {@code reasoning_effort} (ignored). {@code response_format}
 * is approximated by an instruction in the system prompt: the model is asked, not forced, to
 * answer in JSON, and a schema is not enforced.
 */
public final class ChatToMessages {

    private ChatToMessages() {
    }

    public static ObjectNode request(ObjectNode chat, String upstreamModel, int defaultMaxTokens) {
        if (chat.path("n").asInt(1) > 1) {
            throw new TranslationException("n", "n > 1 is not supported by this model");
        }
        ObjectNode out = Json.object();
        out.put("model", upstreamModel);
        ChatTurns.Converted turns = ChatTurns.convert(chat.get("messages"));
        String system = withFormatInstruction(turns.system(), chat.get("response_format"));
        if (system != null) {
            out.put("system", system);
        }
        out.set("messages", turns.messages());
        out.set("max_tokens", maxTokens(chat, defaultMaxTokens));
        copyNumber(chat, out, "temperature");
        copyNumber(chat, out, "top_p");
        ArrayNode stops = stopSequences(chat.get("stop"));
        if (stops != null) {
            out.set("stop_sequences", stops);
        }
        if (chat.path("stream").isBoolean()) {
            out.put("stream", chat.get("stream").asBoolean());
        }
        if (Json.text(chat, "user") != null) {
            out.putObject("metadata").put("user_id", Json.text(chat, "user"));
        }
        Tools.chatToAnthropic(chat, out);
        return out;
    }

    /** Anthropic requires max_tokens; OpenAI leaves it optional and renamed it once. */
    private static JsonNode maxTokens(JsonNode chat, int defaultMaxTokens) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = chat.get(field);
            if (value != null && value.isIntegralNumber()) {
                return value;
            }
        }
        return Json.NODES.numberNode(defaultMaxTokens);
    }

    private static ArrayNode stopSequences(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return null;
        }
        ArrayNode sequences = Json.array();
        if (stop.isTextual()) {
            sequences.add(stop.asText());
        } else if (stop.isArray()) {
            stop.forEach(sequences::add);
        }
        return sequences.isEmpty() ? null : sequences;
    }

    private static String withFormatInstruction(String system, JsonNode format) {
        String type = Json.text(format, "type");
        String instruction;
        if (type == null || "text".equals(type)) {
            return system;
        } else if ("json_object".equals(type)) {
            instruction = "Respond only with a single valid JSON object, without Markdown fences or any other text.";
        } else if ("json_schema".equals(type)) {
            JsonNode schema = format.path("json_schema").path("schema");
            instruction = "Respond only with a single valid JSON value, without Markdown fences or any other text,"
                    + " that conforms to this JSON Schema: " + Json.write(schema);
        } else {
            throw new TranslationException("response_format.type",
                    "response_format type '" + type + "' is not supported by this model");
        }
        return system == null ? instruction : system + "\n\n" + instruction;
    }

    private static void copyNumber(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && value.isNumber()) {
            to.set(field, value);
        }
    }
}
