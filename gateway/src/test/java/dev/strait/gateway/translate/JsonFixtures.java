package dev.strait.gateway.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.sse.SseEvent;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Parsing and event plumbing shared by the translation tests. */
final class JsonFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFixtures() {
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node as a client would read it off the wire, so int and long of one value compare equal. */
    static JsonNode wire(JsonNode node) {
        return json(node.toString());
    }

    static JsonNode data(SseEvent event) {
        try {
            return MAPPER.readTree(event.data());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Feeds every event through the translator and returns what it emitted, in order. */
    static List<SseEvent> run(StreamTranslator translator, List<SseEvent> upstream) {
        List<SseEvent> out = new ArrayList<>();
        upstream.forEach(event -> translator.onEvent(event, out::add));
        return out;
    }

    /** Anthropic wire events are named and repeat their name as {@code type}. */
    static SseEvent anthropic(String json) {
        return SseEvent.named(json(json).get("type").asText(), json);
    }
}
