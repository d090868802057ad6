package dev.strait.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strait.gateway.translate.TokenUsage;

/** Reads token usage from either provider's usage object. */
public final class Usages {

    private Usages() {}

    /** OpenAI's {@code usage}: prompt, completion and cached prompt tokens. */
    public static TokenUsage fromOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong());
    }

    /** Anthropic's {@code usage}: input tokens exclude cache reads and writes, so they are added back. */
    public static TokenUsage fromAnthropic(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return TokenUsage.NONE;
        }
        long cacheRead = usage.path("cache_read_input_tokens").asLong();
        long input = usage.path("input_tokens").asLong() + cacheRead + usage.path("cache_creation_input_tokens").asLong();
        return new TokenUsage(input, usage.path("output_tokens").asLong(), cacheRead);
    }
}
