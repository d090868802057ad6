package dev.strait.emulator;

import com.knuddels.jtokkit.api.Encoding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a Messages API request that shape the answer, validated with Anthropic's messages.
 * Input tokens are an approximation (cl100k_base over the text, the tool definitions and a few
 * tokens of framing per message): Anthropic's own tokenizer is not public.
 */
record AnthropicRequest(String model, int maxTokens, boolean stream, List<String> stops, JsonObject tool,
                        String prompt, int inputTokens) {

    private static final int TOKENS_PER_MESSAGE = 3;

    static AnthropicRequest parse(Exchange ex, Encoding encoding) {
        JsonObject body = ex.body();
        if (!(body.getValue("model") instanceof String model) || model.isBlank()) {
            throw new BadRequest("model: Field required");
        }
        if (body.getValue("max_tokens") == null) {
            throw new BadRequest("max_tokens: Field required");
        }
        int maxTokens = Json.integer(body, "max_tokens", 0);
        if (maxTokens < 1) {
            throw new BadRequest("max_tokens: Input should be greater than or equal to 1");
        }
        JsonArray messages = Json.array(body, "messages");
        if (messages == null) {
            throw new BadRequest("messages: Field required");
        }
        if (messages.isEmpty()) {
            throw new BadRequest("messages: at least one message is required");
        }
        JsonArray tools = Json.array(body, "tools");
        JsonObject lastUser = lastUser(messages);
        JsonObject tool = hasToolResult(lastUser) ? null : chooseTool(tools, Json.object(body, "tool_choice"));
        int input = Tokens.count(encoding, Json.text(body.getValue("system")))
                + (tools == null ? 0 : Tokens.count(encoding, tools.encode()));
        for (Object item : messages) {
            if (!(item instanceof JsonObject message)) {
                throw new BadRequest("messages.0: Input should be a valid dictionary");
            }
            input += TOKENS_PER_MESSAGE + Tokens.count(encoding, contentText(message.getValue("content")));
        }
        List<String> stops = new ArrayList<>();
        JsonArray stopArray = Json.array(body, "stop_sequences");
        if (stopArray != null) {
            stopArray.forEach(s -> stops.add(String.valueOf(s)));
        }
        return new AnthropicRequest(model, maxTokens, Json.bool(body, "stream", false), stops, tool,
                lastUser == null ? "" : Json.text(lastUser.getValue("content")), input);
    }

    private static JsonObject chooseTool(JsonArray tools, JsonObject choice) {
        if (tools == null || tools.isEmpty()) {
            return null;
        }
        String type = choice == null ? "auto" : choice.getString("type", "auto");
        if (type.equals("none")) {
            return null;
        }
        String wanted = type.equals("tool") ? choice.getString("name") : null;
        for (Object item : tools) {
            if (item instanceof JsonObject t && t.getValue("name") instanceof String name && (wanted == null || wanted.equals(name))) {
                return t;
            }
        }
        if (wanted != null) {
            throw new BadRequest("tool_choice: tool '" + wanted + "' not found in tools");
        }
        return null;
    }

    private static JsonObject lastUser(JsonArray messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.getValue(i) instanceof JsonObject m && "user".equals(m.getValue("role"))) {
                return m;
            }
        }
        return null;
    }

    /** A user turn that returns tool results is answered in words, not with another call. */
    private static boolean hasToolResult(JsonObject message) {
        if (message == null || !(message.getValue("content") instanceof JsonArray blocks)) {
            return false;
        }
        for (Object block : blocks) {
            if (block instanceof JsonObject b && "tool_result".equals(b.getValue("type"))) {
                return true;
            }
        }
        return false;
    }

    /** Text for counting: text blocks, tool inputs and tool results; an image counts as its JSON. */
    private static String contentText(Object content) {
        if (!(content instanceof JsonArray blocks)) {
            return Json.text(content);
        }
        StringBuilder out = new StringBuilder();
        for (Object block : blocks) {
            if (block instanceof JsonObject b && "tool_use".equals(b.getValue("type"))) {
                out.append(b.getString("name", "")).append(b.getValue("input"));
            } else if (block instanceof JsonObject b && "image".equals(b.getValue("type"))) {
                out.append("[image]");
            } else {
                out.append(Json.text(new JsonArray().add(block)));
            }
        }
        return out.toString();
    }
}
