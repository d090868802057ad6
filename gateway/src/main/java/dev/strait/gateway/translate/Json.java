package dev.strait.gateway.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one place this package gets its JSON machinery. A default {@link ObjectMapper} holds no
 * mutable state once built and is safe to share, so a constant is not global mutable state; the
 * helpers exist because both dialects put free-form JSON inside strings (tool arguments, stream
 * data) and a malformed one must degrade, never throw into the event loop.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Parses {@code text}; null when it is not JSON at all. */
    static JsonNode parse(ObjectMapper mapper, String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Tool arguments as an object. Models do emit truncated or invalid argument strings (a
     * response cut by max_tokens, for one); Anthropic requires {@code input} to be an object, so
     * anything else becomes {}.
     */
    static ObjectNode argumentsObject(String arguments) {
        JsonNode parsed = parse(MAPPER, arguments);
        return parsed instanceof ObjectNode object ? object : object();
    }

    static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree built from nodes always serializes; this would be a Jackson bug.
            throw new IllegalStateException(e);
        }
    }

    static String write(JsonNode node) {
        return write(MAPPER, node);
    }

    /** The field as text, or null when absent, null or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /**
     * The field as text, refused when absent: a missing string would otherwise reach the other
     * dialect as null or as the word "null" (found by TranslationFuzzTest).
     */
    static String requiredText(JsonNode node, String field, String at) {
        String text = text(node, field);
        if (text == null) {
            throw new TranslationException(at + "." + field, "'" + field + "' must be a string");
        }
        return text;
    }

    static long number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isNumber() ? value.asLong() : 0;
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }
}
