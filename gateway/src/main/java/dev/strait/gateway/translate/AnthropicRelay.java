package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.core.sse.SseEvent;
import java.util.function.Consumer;

/** An Anthropic stream to an Anthropic caller: events pass unchanged; usage is read on the way. */
public final class AnthropicRelay implements StreamTranslator {

    private final ObjectMapper mapper;
    private TokenUsage usage = TokenUsage.NONE;

    public AnthropicRelay(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void onEvent(SseEvent upstream, Consumer<SseEvent> out) {
        String type = upstream.event();
        if ("message_start".equals(type)) {
            JsonNode event = Json.parse(mapper, upstream.data());
            if (event != null) {
                usage = Usages.fromAnthropic(event.path("message").path("usage"));
            }
        } else if ("message_delta".equals(type)) {
            JsonNode event = Json.parse(mapper, upstream.data());
            if (event != null) {
                JsonNode delta = event.path("usage");
                long input = delta.has("input_tokens") ? Usages.fromAnthropic(delta).inputTokens() : usage.inputTokens();
                usage = new TokenUsage(input, delta.path("output_tokens").asLong(usage.outputTokens()),
                        usage.cachedInputTokens());
            }
        }
        out.accept(upstream);
    }

    @Override
    public TokenUsage usage() {
        return usage;
    }
}
