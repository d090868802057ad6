package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code messages} of a chat request as Anthropic turns. Anthropic differs in three ways that
 * shape this code: the system prompt is a top-level field rather than a turn, tool results are
 * blocks of a user turn rather than turns of their own, and a turn's content must be non-empty.
 * Consecutive turns of one role are merged, which Anthropic would do anyway, so that the tool
 * results answering one assistant turn arrive together, in one user turn, before any user text.
 */
final class ChatTurns {

    record Converted(String system, ArrayNode messages) {
    }

    private ChatTurns() {
    }

    static Converted convert(JsonNode messages) {
        if (messages == null || !messages.isArray()) {
            throw new TranslationException("messages", "messages must be an array");
        }
        StringBuilder system = new StringBuilder();
        ArrayNode turns = Json.array();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String at = "messages[" + i + "]";
            String role = String.valueOf(Json.text(message, "role"));
            switch (role) {
                // Anthropic has one system prompt; a system message in mid-conversation moves to it.
                case "system", "developer" -> appendParagraph(system, ChatContent.plainText(message.get("content"), at));
                case "user" -> append(turns, "user", ChatContent.userBlocks(message.get("content"), at));
                case "assistant" -> append(turns, "assistant", assistantBlocks(message, at));
                case "tool" -> append(turns, "user", Json.array().add(toolResult(message, at)));
                case "function" -> throw new TranslationException(at + ".role",
                        "role 'function' is deprecated and not supported by this model; use tools");
                default -> throw new TranslationException(at + ".role", "unknown role '" + role + "'");
            }
        }
        return new Converted(system.isEmpty() ? null : system.toString(), turns);
    }

    private static ArrayNode assistantBlocks(JsonNode message, String at) {
        ArrayNode blocks = ChatContent.assistantBlocks(message.get("content"), at);
        if (Json.text(message, "refusal") != null && !message.get("refusal").asText().isEmpty()) {
            blocks.addObject().put("type", "text").put("text", message.get("refusal").asText());
        }
        JsonNode calls = message.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (int j = 0; j < calls.size(); j++) {
                JsonNode call = calls.get(j);
                if (!"function".equals(Json.text(call, "type"))) {
                    throw new TranslationException(at + ".tool_calls[" + j + "].type",
                            "only function tool calls are supported by this model");
                }
                ObjectNode use = blocks.addObject();
                use.put("type", "tool_use");
                use.put("id", Json.requiredText(call, "id", at + ".tool_calls[" + j + "]"));
                use.put("name", Json.requiredText(call.path("function"), "name", at + ".tool_calls[" + j + "].function"));
                use.set("input", Json.argumentsObject(Json.text(call.path("function"), "arguments")));
            }
        }
        return blocks;
    }

    private static ObjectNode toolResult(JsonNode message, String at) {
        ObjectNode result = Json.object();
        result.put("type", "tool_result");
        result.put("tool_use_id", Json.requiredText(message, "tool_call_id", at));
        result.put("content", ChatContent.plainText(message.get("content"), at));
        return result;
    }

    /** Appends blocks as a turn, merged into the previous turn when the role repeats. */
    private static void append(ArrayNode turns, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            // An assistant turn that carried only an empty string; Anthropic rejects empty content.
            return;
        }
        JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && role.equals(Json.text(last, "role"))) {
            ((ArrayNode) last.get("content")).addAll(blocks);
            return;
        }
        ObjectNode turn = turns.addObject();
        turn.put("role", role);
        turn.set("content", blocks);
    }

    private static void appendParagraph(StringBuilder text, String paragraph) {
        if (paragraph.isEmpty()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        text.append(paragraph);
    }
}
