package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tool declarations and tool choice, both directions. Only function tools translate: OpenAI's
 * built-in and custom (free-text) tools and Anthropic's server tools (web search, bash, ...) run
 * on the provider's side and have no counterpart on the other, so they are rejected rather than
 * silently dropped: a model quietly missing a tool answers differently.
 */
final class Tools {

    private Tools() {
    }

    /** Sets {@code tools} and {@code tool_choice} of an Anthropic request from a chat request. */
    static void chatToAnthropic(JsonNode chat, ObjectNode out) {
        JsonNode tools = chat.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            // Anthropic rejects a tool_choice without tools; without tools there is nothing to choose.
            return;
        }
        ArrayNode declared = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = Json.text(tool, "type");
            if (!"function".equals(type)) {
                throw new TranslationException("tools[" + i + "].type",
                        "tool type '" + type + "' is not supported by this model; only function tools are");
            }
            JsonNode function = tool.path("function");
            ObjectNode anthropic = declared.addObject();
            anthropic.put("name", Json.requiredText(function, "name", "tools[" + i + "].function"));
            if (Json.text(function, "description") != null) {
                anthropic.put("description", Json.text(function, "description"));
            }
            JsonNode parameters = function.get("parameters");
            anthropic.set("input_schema", parameters instanceof ObjectNode ? parameters.deepCopy() : emptySchema());
        }
        ObjectNode choice = anthropicChoice(chat.get("tool_choice"));
        if (chat.path("parallel_tool_calls").isBoolean() && !chat.get("parallel_tool_calls").asBoolean()
                && !"none".equals(Json.text(choice, "type"))) {
            choice.put("disable_parallel_tool_use", true);
        }
        if (choice.size() > 1 || !"auto".equals(Json.text(choice, "type"))) {
            out.set("tool_choice", choice);
        }
    }

    private static ObjectNode anthropicChoice(JsonNode choice) {
        ObjectNode out = Json.object();
        if (choice == null || choice.isNull()) {
            return out.put("type", "auto");
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> out.put("type", "auto");
                case "none" -> out.put("type", "none");
                case "required" -> out.put("type", "any");
                default -> throw new TranslationException("tool_choice",
                        "tool_choice '" + choice.asText() + "' is not supported");
            };
        }
        String name = Json.text(choice.path("function"), "name");
        if (!"function".equals(Json.text(choice, "type")) || name == null) {
            throw new TranslationException("tool_choice",
                    "tool_choice must be auto, none, required or a function by name for this model");
        }
        return out.put("type", "tool").put("name", name);
    }

    /** Sets {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} of a chat request. */
    static void anthropicToChat(JsonNode messages, ObjectNode out) {
        JsonNode tools = messages.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode declared = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = Json.text(tool, "type");
            if (type != null && !"custom".equals(type)) {
                throw new TranslationException("tools." + i + ".type",
                        "server tool '" + type + "' is not supported by this model");
            }
            ObjectNode function = declared.addObject().put("type", "function").putObject("function");
            function.put("name", Json.requiredText(tool, "name", "tools." + i));
            if (Json.text(tool, "description") != null) {
                function.put("description", Json.text(tool, "description"));
            }
            JsonNode schema = tool.get("input_schema");
            function.set("parameters", schema instanceof ObjectNode ? schema.deepCopy() : emptySchema());
        }
        JsonNode choice = messages.get("tool_choice");
        if (choice == null || !choice.isObject()) {
            return;
        }
        switch (String.valueOf(Json.text(choice, "type"))) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> {
                // Found by TranslationFuzzTest: without a name this went upstream as {"name": null}.
                String name = Json.text(choice, "name");
                if (name == null) {
                    throw new TranslationException("tool_choice.name", "tool_choice of type 'tool' needs the tool's 'name'");
                }
                out.putObject("tool_choice").put("type", "function").putObject("function").put("name", name);
            }
            default -> throw new TranslationException("tool_choice.type",
                    "tool_choice type '" + Json.text(choice, "type") + "' is not supported");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static ObjectNode emptySchema() {
        ObjectNode schema = Json.object().put("type", "object");
        schema.putObject("properties");
        return schema;
    }
}
