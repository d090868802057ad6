package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Usage blocks of both dialects, through {@link TokenUsage}. The dialects disagree on what "input"
 * means: OpenAI's {@code prompt_tokens} includes cached tokens, Anthropic's {@code input_tokens}
 * excludes both cache reads and cache writes. Converting through one convention keeps the sums
 * right in both directions.
 */
public final class Usages {

    private Usages() {
    }

    public static TokenUsage fromOpenAi(JsonNode usage) {
        if (!Json.present(usage)) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(
                Json.number(usage, "prompt_tokens"),
                Json.number(usage, "completion_tokens"),
                Json.number(usage.path("prompt_tokens_details"), "cached_tokens"));
    }

    public static TokenUsage fromAnthropic(JsonNode usage) {
        if (!Json.present(usage)) {
            return TokenUsage.NONE;
        }
        long cacheRead = Json.number(usage, "cache_read_input_tokens");
        long input = Json.number(usage, "input_tokens") + cacheRead
                + Json.number(usage, "cache_creation_input_tokens");
        return new TokenUsage(input, Json.number(usage, "output_tokens"), cacheRead);
    }

    /**
     * OpenAI does not report cache writes, so {@code cache_creation_input_tokens} is always 0 and
     * those tokens land in {@code input_tokens}.
     */
    static ObjectNode toAnthropic(TokenUsage usage) {
        ObjectNode node = Json.object();
        node.put("input_tokens", usage.uncachedInputTokens());
        node.put("cache_creation_input_tokens", 0);
        node.put("cache_read_input_tokens", usage.cachedInputTokens());
        node.put("output_tokens", usage.outputTokens());
        return node;
    }

    static ObjectNode toOpenAi(TokenUsage usage) {
        ObjectNode node = Json.object();
        node.put("prompt_tokens", usage.inputTokens());
        node.put("completion_tokens", usage.outputTokens());
        node.put("total_tokens", usage.totalTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        return node;
    }
}
