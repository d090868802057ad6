package dev.strait.gateway.translate;

/**
 * Token counts in one convention for metering, whichever dialect reported them.
 *
 * <p>{@code inputTokens} counts every prompt token, cached or not (OpenAI's {@code prompt_tokens});
 * {@code cachedInputTokens} is the part of it read from a prompt cache. Anthropic reports the
 * parts separately, so its {@code input_tokens}, {@code cache_read_input_tokens} and
 * {@code cache_creation_input_tokens} are summed into {@code inputTokens}.
 */
public record TokenUsage(long inputTokens, long outputTokens, long cachedInputTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Input tokens billed at the full rate. */
    public long uncachedInputTokens() {
        return Math.max(0, inputTokens - cachedInputTokens);
    }
}
