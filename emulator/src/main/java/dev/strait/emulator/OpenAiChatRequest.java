package dev.strait.emulator;

import com.knuddels.jtokkit.api.Encoding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a chat completion request that change the answer, validated the way OpenAI does
 * (same messages, same 400s). Everything else (temperature, seed, user…) is accepted and ignored.
 */
record OpenAiChatRequest(String model, Encoding encoding, int n, int maxTokens, boolean stream, boolean includeUsage,
                         List<String> stops, JsonObject function, JsonObject responseFormat, boolean logprobs,
                         int topLogprobs, String prompt, int promptTokens) {

    static OpenAiChatRequest parse(Exchange ex, Tokens tokens) {
        JsonObject body = ex.body();
        String model = ex.model("you must provide a model parameter");
        Encoding encoding = tokens.forOpenAiModel(model);
        JsonArray messages = Json.array(body, "messages");
        if (messages == null) {
            throw new BadRequest("Missing required parameter: 'messages'.");
        }
        if (messages.isEmpty()) {
            throw new BadRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.");
        }
        int n = Json.integer(body, "n", 1);
        if (n < 1 || n > 128) {
            throw new BadRequest("Invalid 'n': integer must be between 1 and 128.");
        }
        int maxTokens = Json.integer(body, "max_completion_tokens", Json.integer(body, "max_tokens", 0));
        if (body.getValue("max_completion_tokens") != null || body.getValue("max_tokens") != null) {
            if (maxTokens < 1) {
                throw new BadRequest("Invalid 'max_tokens': integer below minimum value. Expected a value >= 1.");
            }
        }
        JsonObject streamOptions = Json.object(body, "stream_options");
        boolean logprobs = Json.bool(body, "logprobs", false);
        int top = Json.integer(body, "top_logprobs", 0);
        if (top < 0 || top > 20) {
            throw new BadRequest("Invalid 'top_logprobs': integer must be between 0 and 20.");
        }
        JsonArray tools = Json.array(body, "tools");
        JsonObject function = chooseFunction(tools, body.getValue("tool_choice"), lastRole(messages));
        int promptTokens = promptTokens(encoding, messages, tools);
        return new OpenAiChatRequest(model, encoding, n, maxTokens, Json.bool(body, "stream", false),
                streamOptions != null && Json.bool(streamOptions, "include_usage", false), stops(body.getValue("stop")),
                function, Json.object(body, "response_format"), logprobs, top, lastUserText(messages), promptTokens);
    }

    /** The function to call, or null when the answer is text: no tools, "none", or a tool result to answer. */
    private static JsonObject chooseFunction(JsonArray tools, Object choice, String lastRole) {
        if (tools == null || tools.isEmpty() || "none".equals(choice) || "tool".equals(lastRole)) {
            return null;
        }
        String wanted = choice instanceof JsonObject c && c.getValue("function") instanceof JsonObject f ? f.getString("name") : null;
        JsonObject first = null;
        for (Object tool : tools) {
            if (tool instanceof JsonObject t && t.getValue("function") instanceof JsonObject f && f.getValue("name") instanceof String name) {
                if (wanted == null || wanted.equals(name)) {
                    return f;
                }
                first = first == null ? f : first;
            }
        }
        if (wanted != null) {
            throw new BadRequest("Invalid value for 'tool_choice': no function named '" + wanted + "' was specified in the 'tools' parameter.");
        }
        return first;
    }

    /** OpenAI's published accounting: 3 tokens per message, its fields' tokens, 1 per name, 3 to prime the reply. */
    private static int promptTokens(Encoding encoding, JsonArray messages, JsonArray tools) {
        int total = 3;
        for (Object item : messages) {
            if (!(item instanceof JsonObject message)) {
                throw new BadRequest("Invalid type for 'messages[]': expected an object.");
            }
            total += 3 + Tokens.count(encoding, message.getString("role", "")) + Tokens.count(encoding, Json.text(message.getValue("content")));
            if (message.getValue("name") instanceof String name) {
                total += 1 + Tokens.count(encoding, name);
            }
            if (message.getValue("tool_calls") instanceof JsonArray calls) {
                total += Tokens.count(encoding, calls.encode());
            }
        }
        return total + (tools == null ? 0 : Tokens.count(encoding, tools.encode()));
    }

    private static String lastRole(JsonArray messages) {
        return messages.getValue(messages.size() - 1) instanceof JsonObject m ? m.getString("role", "") : "";
    }

    private static String lastUserText(JsonArray messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.getValue(i) instanceof JsonObject m && "user".equals(m.getValue("role"))) {
                return Json.text(m.getValue("content"));
            }
        }
        return "";
    }

    private static List<String> stops(Object stop) {
        List<String> out = new ArrayList<>();
        if (stop instanceof String s) {
            out.add(s);
        } else if (stop instanceof JsonArray array) {
            array.forEach(s -> out.add(String.valueOf(s)));
        }
        return out;
    }
}
