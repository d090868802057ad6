package dev.strait.gateway.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.error.Failure;

/**
 * The few checks a body must pass before it is worth sending upstream: the fields every provider
 * requires, with the caller's own parameter names in the message.
 */
final class RequestChecks {

    private RequestChecks() {}

    /** The first problem found, or null. */
    static Failure check(Endpoint endpoint, ObjectNode body) {
        return switch (endpoint) {
            case CHAT -> chat(body);
            case MESSAGES -> messages(body);
            case EMBEDDINGS -> embeddings(body);
            case RESPONSES -> responses(body);
            case COMPLETIONS -> completions(body);
            case COUNT_TOKENS -> body.path("messages").isArray() ? common(body)
                    : Failure.invalid("invalid_messages", "messages: Field required", "messages");
            default -> null;
        };
    }

    private static Failure chat(ObjectNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return Failure.invalid("invalid_messages", "'messages' must be a non-empty array of messages.", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject() || !message.path("role").isTextual()) {
                return Failure.invalid("invalid_messages", "Each message must be an object with a 'role'.", "messages");
            }
            // Only an assistant turn may stand without content (its tool calls say it all). Found by
            // TranslationFuzzTest: a user turn with a misspelt "content" was accepted and silently dropped.
            JsonNode content = message.get("content");
            if (!"assistant".equals(message.path("role").asText()) && (content == null || content.isNull())) {
                return Failure.invalid("invalid_messages", "messages[" + i + "].content is required for a '"
                        + message.path("role").asText() + "' message.", "messages[" + i + "].content");
            }
        }
        return common(body);
    }

    private static Failure messages(ObjectNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            return Failure.invalid("invalid_messages", "messages: Field required", "messages");
        }
        if (!body.path("max_tokens").canConvertToInt() || body.path("max_tokens").asInt() < 1) {
            return Failure.invalid("invalid_max_tokens", "max_tokens: Field required (a positive integer)", "max_tokens");
        }
        return common(body);
    }

    private static Failure responses(ObjectNode body) {
        JsonNode input = body.get("input");
        if (input == null || !(input.isTextual() || input.isArray())) {
            return Failure.invalid("invalid_input", "'input' is required: a string or an array of input items.", "input");
        }
        return common(body);
    }

    private static Failure completions(ObjectNode body) {
        JsonNode prompt = body.get("prompt");
        if (prompt == null || !(prompt.isTextual() || (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()))) {
            return Failure.invalid("invalid_prompt",
                    "'prompt' is required: a string (or an array of one string; token arrays are not supported).", "prompt");
        }
        if (body.path("n").asInt(1) != 1 || body.path("best_of").asInt(1) != 1 || body.path("echo").asBoolean(false)) {
            return Failure.invalid("unsupported_parameter", "'n', 'best_of' and 'echo' are not supported.", "n");
        }
        return common(body);
    }

    private static Failure embeddings(ObjectNode body) {
        JsonNode input = body.get("input");
        if (input == null || input.isNull() || (input.isArray() && input.isEmpty())) {
            return Failure.invalid("invalid_input", "'input' is required: a string or an array of strings or tokens.", "input");
        }
        return null;
    }

    private static Failure common(ObjectNode body) {
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) {
            return Failure.invalid("invalid_type", "'stream' must be a boolean.", "stream");
        }
        JsonNode model = body.get("model");
        if (model != null && !model.isTextual()) {
            return Failure.invalid("invalid_type", "'model' must be a string.", "model");
        }
        // TranslationFuzzTest: a negative max_tokens went on to Anthropic as it was.
        for (String limit : TOKEN_LIMITS) {
            JsonNode value = body.get(limit);
            if (value != null && !value.isNull() && (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1)) {
                return Failure.invalid("integer_below_min_value", "Invalid '" + limit
                        + "': expected an integer >= 1, but got " + value + " instead.", limit);
            }
        }
        return null;
    }

    private static final String[] TOKEN_LIMITS = {"max_tokens", "max_completion_tokens", "max_output_tokens"};
}
