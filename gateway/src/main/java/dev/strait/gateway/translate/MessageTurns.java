package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Anthropic turns as chat messages. A user turn may hold tool results and new input together;
 * OpenAI wants each result as a {@code tool} message directly after the assistant message that
 * made the calls, so the results are emitted first and the remaining content after them.
 */
final class MessageTurns {

    private MessageTurns() {
    }

    static void convert(JsonNode turns, ArrayNode out) {
        if (turns == null || !turns.isArray()) {
            throw new TranslationException("messages", "messages must be an array");
        }
        for (int i = 0; i < turns.size(); i++) {
            JsonNode turn = turns.get(i);
            String at = "messages." + i;
            String role = String.valueOf(Json.text(turn, "role"));
            switch (role) {
                case "user" -> user(turn.get("content"), at, out);
                case "assistant" -> assistant(turn.get("content"), at, out);
                default -> throw new TranslationException(at + ".role", "unknown role '" + role + "'");
            }
        }
    }

    private static void user(JsonNode content, String at, ArrayNode out) {
        if (content == null || content.isTextual()) {
            out.addObject().put("role", "user").put("content", content == null ? "" : content.asText());
            return;
        }
        ArrayNode parts = Json.array();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String where = at + ".content." + j;
            String type = String.valueOf(Json.text(block, "type"));
            switch (type) {
                case "text" -> parts.addObject().put("type", "text").put("text", Json.requiredText(block, "text", where));
                case "image" -> parts.add(imagePart(block.path("source"), where));
                case "tool_result" -> out.add(toolMessage(block, where));
                default -> throw new TranslationException(where + ".type",
                        "content block type '" + type + "' is not supported by this model");
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        ObjectNode message = out.addObject().put("role", "user");
        // One text part reads more naturally as a string and round-trips to what an OpenAI caller sent.
        if (parts.size() == 1 && "text".equals(Json.text(parts.get(0), "type"))) {
            message.put("content", Json.text(parts.get(0), "text"));
        } else {
            message.set("content", parts);
        }
    }

    private static void assistant(JsonNode content, String at, ArrayNode out) {
        ObjectNode message = out.addObject().put("role", "assistant");
        if (content == null || content.isTextual()) {
            message.put("content", content == null ? null : content.asText());
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.array();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String type = String.valueOf(Json.text(block, "type"));
            switch (type) {
                case "text" -> text.append(Json.requiredText(block, "text", at + ".content." + j));
                case "tool_use" -> {
                    ObjectNode call = calls.addObject();
                    call.put("id", Json.requiredText(block, "id", at + ".content." + j));
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", Json.requiredText(block, "name", at + ".content." + j));
                    JsonNode input = block.get("input");
                    function.put("arguments", Json.write(input == null ? Json.object() : input));
                }
                // Thinking is specific to the model that produced it; another model cannot use it.
                case "thinking", "redacted_thinking" -> { }
                default -> throw new TranslationException(at + ".content." + j + ".type",
                        "content block type '" + type + "' is not supported by this model");
            }
        }
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
    }

    /**
     * A tool message carries text only. An error result keeps its text; OpenAI has no
     * {@code is_error} flag, so it is said in words for the model to read.
     */
    private static ObjectNode toolMessage(JsonNode block, String at) {
        StringBuilder text = new StringBuilder();
        JsonNode content = block.get("content");
        if (content != null && content.isTextual()) {
            text.append(content.asText());
        } else if (content != null && content.isArray()) {
            for (int k = 0; k < content.size(); k++) {
                JsonNode part = content.get(k);
                if (!"text".equals(Json.text(part, "type"))) {
                    throw new TranslationException(at + ".content." + k + ".type",
                            "tool results must be text for this model");
                }
                text.append(Json.requiredText(part, "text", at + ".content." + k));
            }
        }
        if (block.path("is_error").asBoolean(false)) {
            text.insert(0, "Error: ");
        }
        ObjectNode message = Json.object().put("role", "tool");
        message.put("tool_call_id", Json.requiredText(block, "tool_use_id", at));
        message.put("content", text.toString());
        return message;
    }

    private static ObjectNode imagePart(JsonNode source, String at) {
        String type = Json.text(source, "type");
        String url;
        if ("base64".equals(type)) {
            url = "data:" + Json.requiredText(source, "media_type", at + ".source") + ";base64,"
                    + Json.requiredText(source, "data", at + ".source");
        } else if ("url".equals(type)) {
            url = Json.requiredText(source, "url", at + ".source");
        } else {
            throw new TranslationException(at + ".source.type",
                    "image source type '" + type + "' is not supported by this model");
        }
        ObjectNode part = Json.object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }
}
