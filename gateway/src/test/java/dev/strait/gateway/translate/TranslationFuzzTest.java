package dev.strait.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.sse.SseEvent;
import dev.strait.core.sse.SseParser;
import dev.strait.gateway.front.Endpoint;
import dev.strait.gateway.front.RequestChecksProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Coverage-guided fuzzing of Anthropic ⇄ OpenAI translation, requests and streams, in both
 * directions. The suite replays {@code TranslationFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 * Invariants: the only exception a request translation may throw is {@link TranslationException}
 * (rendered as a 400 naming the parameter); stream translation throws nothing on any upstream
 * bytes; and what the caller wrote or the model said survives the trip.
 */
class TranslationFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A chat request the gateway would accept either becomes an Anthropic one and back, keeping its text, or is refused by name. */
    @FuzzTest(maxDuration = "2h")
    void anAcceptedChatRequestTranslatesToAnthropicAndBackKeepingItsText(byte[] input) {
        ObjectNode chat = RequestChecksProbe.accepted(Endpoint.CHAT, input);
        if (chat == null) {
            return;
        }
        ObjectNode messages;
        try {
            messages = ChatToMessages.request(chat, "claude-upstream", 1024);
        } catch (TranslationException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(messages.path("messages").isArray()).isTrue();
        assertThat(messages.path("max_tokens").asInt()).isPositive();
        assertNoNullWhereAStringIsRequired(messages);
        ObjectNode back;
        try {
            back = MessagesToChat.request(messages, "gpt-upstream");
        } catch (TranslationException refused) {
            throw new AssertionError("our own Anthropic request was refused on the way back: " + refused.getMessage()
                    + "\n" + messages, refused);
        }
        assertKeepsText(chat.path("messages"), back.toString());
    }

    /** An Anthropic request the gateway would accept becomes a chat one and back, keeping its text, or is refused by name. */
    @FuzzTest(maxDuration = "2h")
    void anAcceptedAnthropicRequestTranslatesToChatAndBackKeepingItsText(byte[] input) {
        ObjectNode messages = RequestChecksProbe.accepted(Endpoint.MESSAGES, input);
        if (messages == null) {
            return;
        }
        ObjectNode chat;
        try {
            chat = MessagesToChat.request(messages, "gpt-upstream");
        } catch (TranslationException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(chat.path("messages").isArray()).isTrue();
        assertNoNullWhereAStringIsRequired(chat);
        ObjectNode back;
        try {
            back = ChatToMessages.request(chat, "claude-upstream", 1024);
        } catch (TranslationException refused) {
            throw new AssertionError("our own chat request was refused on the way back: " + refused.getMessage()
                    + "\n" + chat, refused);
        }
        assertKeepsText(messages.path("messages"), back.toString());
        assertKeepsText(messages.path("system"), back.toString());
    }

    /** Whatever an upstream streams, in either dialect, the translators emit well-formed events and never throw. */
    @FuzzTest(maxDuration = "2h")
    void anyUpstreamStreamTranslatesWithoutAnException(byte[] input) {
        List<SseEvent> upstream = new ArrayList<>();
        SseParser parser = new SseParser(upstream::add);
        parser.feed(input);
        parser.finish();
        List<StreamTranslator> translators = List.of(
                new ChatStreamToMessagesStream("claude-sonnet-4-5", MAPPER),
                new MessagesStreamToChatStream("gpt-4o", "chatcmpl-1", 1_700_000_000L, true));
        for (StreamTranslator translator : translators) {
            List<SseEvent> out = new ArrayList<>();
            for (SseEvent event : upstream) {
                translator.onEvent(event, out::add);
            }
            for (SseEvent event : out) {
                assertThat(event.data()).isNotNull();
                if (!"[DONE]".equals(event.data())) {
                    assertThat(Json.parse(MAPPER, event.data())).as("emitted JSON: %s", event.data()).isNotNull();
                }
            }
            assertThat(translator.usage().inputTokens()).isNotNegative();
        }
        // Same-dialect relays are transparent by design: what they pass is exactly what came, in order.
        for (StreamTranslator relay : List.of(new OpenAiRelay(MAPPER, true), new AnthropicRelay(MAPPER))) {
            List<SseEvent> out = new ArrayList<>();
            for (SseEvent event : upstream) {
                relay.onEvent(event, out::add);
            }
            assertThat(out).isEqualTo(upstream);
            assertThat(relay.usage().inputTokens()).isNotNegative();
        }
    }

    /**
     * A model's streamed text and its tool-call arguments, in any pieces, reach the caller whole
     * through OpenAI → Anthropic → OpenAI translation.
     */
    @FuzzTest(maxDuration = "2h")
    void aChatStreamRoundTripsThroughAnthropicKeepingTextAndToolArguments(FuzzedDataProvider data) {
        List<String> pieces = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int count = data.consumeInt(0, 20);
        for (int i = 0; i < count; i++) {
            String piece = data.consumeString(40);
            pieces.add(piece);
            text.append(piece);
        }
        String arguments = data.consumeRemainingAsString();

        List<SseEvent> openAi = new ArrayList<>();
        openAi.add(chunk(MAPPER.createObjectNode().put("role", "assistant").put("content", ""), null));
        for (String piece : pieces) {
            openAi.add(chunk(MAPPER.createObjectNode().put("content", piece), null));
        }
        if (!arguments.isEmpty()) {
            ObjectNode delta = MAPPER.createObjectNode();
            ObjectNode call = delta.putArray("tool_calls").addObject().put("index", 0).put("id", "call_1")
                    .put("type", "function");
            call.putObject("function").put("name", "lookup").put("arguments", arguments);
            openAi.add(chunk(delta, null));
        }
        openAi.add(chunk(MAPPER.createObjectNode(), arguments.isEmpty() ? "stop" : "tool_calls"));
        openAi.add(new SseEvent(null, "[DONE]"));

        List<SseEvent> anthropic = run(new ChatStreamToMessagesStream("claude", MAPPER), openAi);
        List<SseEvent> back = run(new MessagesStreamToChatStream("gpt-4o", "chatcmpl-1", 1L, false), anthropic);

        StringBuilder content = new StringBuilder();
        StringBuilder args = new StringBuilder();
        for (SseEvent event : back) {
            JsonNode json = Json.parse(MAPPER, event.data());
            if (json == null) {
                continue;
            }
            for (JsonNode choice : json.path("choices")) {
                content.append(choice.path("delta").path("content").asText(""));
                for (JsonNode call : choice.path("delta").path("tool_calls")) {
                    args.append(call.path("function").path("arguments").asText(""));
                }
            }
        }
        assertThat(content.toString()).isEqualTo(text.toString());
        assertThat(args.toString()).isEqualTo(arguments);
    }

    private static List<SseEvent> run(StreamTranslator translator, List<SseEvent> upstream) {
        List<SseEvent> out = new ArrayList<>();
        Consumer<SseEvent> sink = out::add;
        for (SseEvent event : upstream) {
            translator.onEvent(event, sink);
        }
        return out;
    }

    private static SseEvent chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = MAPPER.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("created", 1).put("model", "gpt-4o");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return new SseEvent(null, chunk.toString());
    }

    /** Every non-blank text the caller wrote where a text belongs appears in the translated request (JSON-escaped, as sent). */
    /** Identifiers, names and texts are strings in both dialects; a null one is our bug, not the caller's. */
    private static void assertNoNullWhereAStringIsRequired(JsonNode node) {
        if (node.isObject()) {
            for (String field : List.of("text", "id", "name", "tool_use_id", "tool_call_id", "url", "data")) {
                if (node.has(field)) {
                    assertThat(node.get(field).isTextual()).as("%s in %s is a string", field, node).isTrue();
                }
            }
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            // Schemas and tool inputs are the caller's own JSON, with field names of its choosing.
            if (!List.of("input_schema", "parameters", "input", "response_format").contains(field.getKey())) {
                assertNoNullWhereAStringIsRequired(field.getValue());
            }
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                assertNoNullWhereAStringIsRequired(item);
            }
        }
    }

    private static void assertKeepsText(JsonNode original, String translated) {
        List<String> texts = new ArrayList<>();
        collectTexts(original, texts);
        for (String text : texts) {
            if (text.isBlank()) {
                continue;
            }
            String escaped = MAPPER.getNodeFactory().textNode(text).toString();
            assertThat(translated).as("text %s kept", escaped).contains(escaped.substring(1, escaped.length() - 1));
        }
    }

    /**
     * Texts where the dialects put meaning: a message's or system prompt's string content, and the
     * {@code text} of text blocks (also inside tool results). Text under keys neither dialect knows
     * (a misspelt "content") carries no meaning and is not followed.
     */
    private static void collectTexts(JsonNode node, List<String> into) {
        if (node.isTextual()) {
            into.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isObject() && item.has("role")) {
                    collectTexts(item.path("content"), into);
                } else if (item.isObject()) {
                    // Only a text block's "text" means text; the field on a thinking, tool_use or
                    // refusal block is a stray key that neither dialect reads.
                    if ("text".equals(item.path("type").asText()) && item.path("text").isTextual()) {
                        into.add(item.get("text").asText());
                    }
                    if ("tool_result".equals(item.path("type").asText())) {
                        collectTexts(item.path("content"), into);
                    }
                }
            }
        }
    }
}
