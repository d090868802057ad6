package dev.strait.gateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.error.Failure;
import dev.strait.core.error.FailureException;

/**
 * A Responses request as a chat completions request: instructions become the system message,
 * input items become messages (function calls and their outputs become assistant tool calls and
 * tool messages), function tools become chat tools. Anything that cannot be said in chat is a
 * 400 naming the parameter, never silently dropped.
 */
final class ResponsesToChat {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResponsesToChat() {}

    /** The input items as chat messages, in order. */
    static ArrayNode inputMessages(JsonNode input) {
        ArrayNode messages = JSON.arrayNode();
        if (input.isTextual()) {
            messages.addObject().put("role", "user").put("content", input.asText());
            return messages;
        }
        ObjectNode pendingCalls = null;
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String type = item.path("type").asText("message");
            if (type.equals("function_call")) {
                if (pendingCalls == null) {
                    pendingCalls = messages.addObject().put("role", "assistant").putNull("content");
                }
                pendingCalls.withArray("tool_calls").addObject()
                        .put("id", text(item, "call_id", i)).put("type", "function")
                        .putObject("function").put("name", text(item, "name", i))
                        .put("arguments", item.path("arguments").asText("{}"));
                continue;
            }
            pendingCalls = null;
            switch (type) {
                case "message" -> messages.add(message(item, i));
                case "function_call_output" -> messages.addObject().put("role", "tool")
                        .put("tool_call_id", text(item, "call_id", i))
                        .put("content", item.path("output").isTextual() ? item.path("output").asText()
                                : item.path("output").toString());
                default -> throw unsupported("input[" + i + "].type", "Input items of type '" + type
                        + "' are not supported; use messages, function_call and function_call_output items.");
            }
        }
        return messages;
    }

    /** The chat body for a request whose conversation so far (earlier turns and this input) is {@code conversation}. */
    static ObjectNode chatBody(ObjectNode request, ArrayNode conversation) {
        ObjectNode chat = JSON.objectNode();
        chat.put("model", request.path("model").asText());
        ArrayNode messages = chat.putArray("messages");
        if (request.path("instructions").isTextual() && !request.path("instructions").asText().isEmpty()) {
            messages.addObject().put("role", "system").put("content", request.path("instructions").asText());
        }
        messages.addAll(conversation);
        if (request.path("max_output_tokens").canConvertToLong()) {
            chat.put("max_completion_tokens", request.path("max_output_tokens").asLong());
        }
        for (String same : new String[] {"temperature", "top_p", "parallel_tool_calls", "user", "metadata"}) {
            if (request.hasNonNull(same)) {
                chat.set(same, request.get(same));
            }
        }
        if (request.hasNonNull("tools") && !request.path("tools").isEmpty()) {
            chat.set("tools", tools(request.path("tools")));
        }
        if (request.hasNonNull("tool_choice")) {
            chat.set("tool_choice", toolChoice(request.get("tool_choice")));
        }
        JsonNode format = request.path("text").path("format");
        if (format.path("type").asText("text").equals("json_schema")) {
            ObjectNode schema = chat.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            schema.put("name", format.path("name").asText("response"));
            schema.set("schema", format.path("schema"));
            if (format.has("strict")) {
                schema.set("strict", format.get("strict"));
            }
        } else if (format.path("type").asText("text").equals("json_object")) {
            chat.putObject("response_format").put("type", "json_object");
        }
        if (request.path("stream").asBoolean(false)) {
            chat.put("stream", true);
            // The usage chunk is metering's and the response's: always ask for it.
            chat.putObject("stream_options").put("include_usage", true);
        }
        return chat;
    }

    private static ObjectNode message(JsonNode item, int i) {
        String role = item.path("role").asText("");
        if (!role.equals("user") && !role.equals("assistant") && !role.equals("system") && !role.equals("developer")) {
            throw unsupported("input[" + i + "].role", "A message's role must be user, assistant, system or developer.");
        }
        // Anthropic upstreams know no developer role; it is a system message by another name.
        ObjectNode message = JSON.objectNode().put("role", role.equals("developer") ? "system" : role);
        JsonNode content = item.path("content");
        if (content.isTextual()) {
            return message.put("content", content.asText());
        }
        if (!content.isArray()) {
            throw unsupported("input[" + i + "].content", "A message's content must be a string or an array of parts.");
        }
        boolean textOnly = true;
        ArrayNode parts = JSON.arrayNode();
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "input_text", "output_text", "text" -> parts.addObject().put("type", "text")
                        .put("text", part.path("text").asText());
                case "input_image" -> {
                    textOnly = false;
                    if (!part.path("image_url").isTextual()) {
                        throw unsupported("input[" + i + "].content", "Only input_image parts with an image_url are supported.");
                    }
                    ObjectNode url = parts.addObject().put("type", "image_url").putObject("image_url")
                            .put("url", part.path("image_url").asText());
                    if (part.hasNonNull("detail")) {
                        url.set("detail", part.get("detail"));
                    }
                }
                case "refusal" -> parts.addObject().put("type", "text").put("text", part.path("refusal").asText());
                default -> throw unsupported("input[" + i + "].content", "Content parts of type '"
                        + part.path("type").asText() + "' are not supported.");
            }
        }
        if (textOnly && !role.equals("user")) {
            // Assistant and system turns take plain text in every dialect.
            StringBuilder text = new StringBuilder();
            parts.forEach(p -> text.append(p.path("text").asText()));
            return message.put("content", text.toString());
        }
        message.set("content", parts);
        return message;
    }

    private static ArrayNode tools(JsonNode tools) {
        ArrayNode out = JSON.arrayNode();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.path("type").asText().equals("function")) {
                throw unsupported("tools[" + i + "].type", "Only function tools are supported; '"
                        + tool.path("type").asText() + "' tools are not available through this gateway.");
            }
            ObjectNode function = out.addObject().put("type", "function").putObject("function");
            function.put("name", text(tool, "name", i));
            for (String field : new String[] {"description", "parameters", "strict"}) {
                if (tool.hasNonNull(field)) {
                    function.set(field, tool.get(field));
                }
            }
        }
        return out;
    }

    private static JsonNode toolChoice(JsonNode choice) {
        if (choice.isTextual()) {
            return choice;
        }
        if (choice.path("type").asText().equals("function")) {
            ObjectNode out = JSON.objectNode().put("type", "function");
            out.putObject("function").put("name", choice.path("name").asText());
            return out;
        }
        throw unsupported("tool_choice", "tool_choice must be auto, none, required or a function.");
    }

    private static String text(JsonNode item, String field, int index) {
        JsonNode value = item.path(field);
        if (!value.isTextual()) {
            throw unsupported("input[" + index + "]." + field, "'" + field + "' is required and must be a string.");
        }
        return value.asText();
    }

    static FailureException unsupported(String param, String message) {
        return new FailureException(Failure.invalid("invalid_value", message, param));
    }
}
