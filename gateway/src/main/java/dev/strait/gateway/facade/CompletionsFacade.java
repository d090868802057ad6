package dev.strait.gateway.facade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.sse.SseEvent;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.translate.StreamTranslator;
import dev.strait.gateway.translate.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Chat answers and chunks in the legacy completions shape ({@code text_completion}). */
final class CompletionsFacade implements Facade {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String model;
    private final boolean callerWantsUsage;

    CompletionsFacade(String model, boolean callerWantsUsage) {
        this.model = model;
        this.callerWantsUsage = callerWantsUsage;
    }

    @Override
    public byte[] answer(ObjectNode chat, TokenUsage usage, Exchange exchange) {
        ObjectNode out = head(chat.path("id").asText(exchange.id()), exchange.createdEpochSeconds());
        JsonNode choice = chat.path("choices").path(0);
        out.putArray("choices").add(choice(choice.path("message").path("content").asText(""),
                choice.path("finish_reason").asText("stop")));
        out.set("usage", usage(usage));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public StreamTranslator stream(StreamTranslator chat, Exchange exchange) {
        return new StreamTranslator() {
            @Override
            public void onEvent(SseEvent upstream, Consumer<SseEvent> out) {
                chat.onEvent(upstream, event -> translate(event, out, chat, exchange));
            }

            @Override
            public TokenUsage usage() {
                return chat.usage();
            }
        };
    }

    private void translate(SseEvent event, Consumer<SseEvent> out, StreamTranslator chat, Exchange exchange) {
        if (event.data().strip().equals("[DONE]")) {
            out.accept(event);
            return;
        }
        JsonNode chunk;
        try {
            chunk = MAPPER.readTree(event.data());
        } catch (Exception e) {
            return;
        }
        if (chunk.has("error")) {
            out.accept(event);
            return;
        }
        ObjectNode legacy = head(chunk.path("id").asText(exchange.id()), exchange.createdEpochSeconds());
        JsonNode choice = chunk.path("choices").path(0);
        if (choice.isMissingNode()) {
            if (callerWantsUsage && chunk.path("usage").isObject()) {
                legacy.putArray("choices");
                legacy.set("usage", usage(chat.usage()));
                out.accept(SseEvent.data(legacy.toString()));
            }
            return;
        }
        String text = choice.path("delta").path("content").asText("");
        String finish = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null;
        if (text.isEmpty() && finish == null) {
            return;
        }
        legacy.putArray("choices").add(choice(text, finish));
        out.accept(SseEvent.data(legacy.toString()));
    }

    private ObjectNode head(String chatId, long created) {
        String id = "cmpl-" + (chatId.startsWith("chatcmpl-") ? chatId.substring("chatcmpl-".length()) : chatId);
        return JSON.objectNode().put("id", id).put("object", "text_completion").put("created", created)
                .put("model", model);
    }

    private static ObjectNode choice(String text, String finishReason) {
        ObjectNode choice = JSON.objectNode().put("text", text).put("index", 0).putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return choice;
    }

    private static ObjectNode usage(TokenUsage usage) {
        return JSON.objectNode().put("prompt_tokens", usage.inputTokens()).put("completion_tokens", usage.outputTokens())
                .put("total_tokens", usage.totalTokens());
    }
}
