package dev.strait.core.usage;

import java.math.BigDecimal;

/** Prices per million tokens, by token class, in one currency. */
public record Price(BigDecimal input, BigDecimal cachedInput, BigDecimal output, String currency) {

    /** Exact: decimal arithmetic throughout, no rounding until a statement asks for it. */
    public BigDecimal cost(long inputTokens, long cachedInputTokens, long outputTokens) {
        long uncached = Math.max(0, inputTokens - cachedInputTokens);
        BigDecimal micro = input.multiply(BigDecimal.valueOf(uncached))
                .add(cachedInput.multiply(BigDecimal.valueOf(Math.min(cachedInputTokens, inputTokens))))
                .add(output.multiply(BigDecimal.valueOf(outputTokens)));
        // Per million: moving the point is exact, and far cheaper than a general exact division.
        return micro.movePointLeft(6).stripTrailingZeros();
    }

    /** This price times {@code factor}, exactly (a batch discount, say). */
    public Price scaled(BigDecimal factor) {
        return new Price(input.multiply(factor), cachedInput.multiply(factor), output.multiply(factor), currency);
    }
}
