package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An Anthropic Messages request as an OpenAI Chat Completions request, for a caller speaking
 * Anthropic to an OpenAI deployment.
 *
 * <p>Not translated: {@code top_k} and {@code thinking} (OpenAI has no equivalent; ignored),
 * {@code cache_control} markers (OpenAI caches prompts automatically; ignored), thinking blocks in
 * the history (dropped), documents, server tools and images inside tool results (rejected).
 */
public final class MessagesToChat {

    private MessagesToChat() {
    }

    public static ObjectNode request(ObjectNode messages, String upstreamModel) {
        ObjectNode out = Json.object();
        out.put("model", upstreamModel);
        ArrayNode chatMessages = out.putArray("messages");
        String system = systemText(messages.get("system"));
        if (system != null) {
            chatMessages.addObject().put("role", "system").put("content", system);
        }
        MessageTurns.convert(messages.get("messages"), chatMessages);
        if (messages.path("max_tokens").isIntegralNumber()) {
            out.set("max_tokens", messages.get("max_tokens"));
        }
        copyNumber(messages, out, "temperature");
        copyNumber(messages, out, "top_p");
        JsonNode stops = messages.get("stop_sequences");
        if (stops != null && stops.isArray() && !stops.isEmpty()) {
            out.set("stop", stops.deepCopy());
        }
        if (messages.path("stream").asBoolean(false)) {
            out.put("stream", true);
            // Without it OpenAI streams carry no usage at all, and a stream we cannot meter is a
            // stream we cannot bill; the Anthropic caller expects usage in message_delta anyway.
            out.putObject("stream_options").put("include_usage", true);
        }
        String user = Json.text(messages.path("metadata"), "user_id");
        if (user != null) {
            out.put("user", user);
        }
        Tools.anthropicToChat(messages, out);
        return out;
    }

    /** The system prompt is a string or an array of text blocks; blocks join with a blank line. */
    private static String systemText(JsonNode system) {
        if (system == null || system.isNull()) {
            return null;
        }
        if (system.isTextual()) {
            return system.asText().isEmpty() ? null : system.asText();
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < system.size(); i++) {
            JsonNode block = system.get(i);
            if (!"text".equals(Json.text(block, "type"))) {
                throw new TranslationException("system." + i + ".type", "system blocks must be text");
            }
            String blockText = Json.requiredText(block, "text", "system." + i);
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(blockText);
        }
        return text.isEmpty() ? null : text.toString();
    }

    private static void copyNumber(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && value.isNumber()) {
            to.set(field, value);
        }
    }
}
