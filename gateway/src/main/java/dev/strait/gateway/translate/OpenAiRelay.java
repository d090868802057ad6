package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.core.sse.SseEvent;
import java.util.function.Consumer;

/**
 * An OpenAI stream to an OpenAI caller: chunks pass unchanged, except that the usage chunk the
 * gateway asked for on its own account is kept from a caller that did not ask for it.
 */
public final class OpenAiRelay implements StreamTranslator {

    private final ObjectMapper mapper;
    private final boolean callerWantsUsage;
    private TokenUsage usage = TokenUsage.NONE;

    public OpenAiRelay(ObjectMapper mapper, boolean callerWantsUsage) {
        this.mapper = mapper;
        this.callerWantsUsage = callerWantsUsage;
    }

    @Override
    public void onEvent(SseEvent upstream, Consumer<SseEvent> out) {
        String data = upstream.data();
        // Only the usage chunk carries a usage object; the cheap test spares parsing every chunk.
        if (data.contains("\"usage\":{") || data.contains("\"usage\": {")) {
            JsonNode chunk = Json.parse(mapper, data);
            if (chunk != null && chunk.path("usage").isObject()) {
                usage = Usages.fromOpenAi(chunk.get("usage"));
                if (!callerWantsUsage && chunk.path("choices").isEmpty()) {
                    return;
                }
            }
        }
        out.accept(upstream);
    }

    @Override
    public TokenUsage usage() {
        return usage;
    }
}
