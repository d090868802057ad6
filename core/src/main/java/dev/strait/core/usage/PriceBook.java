package dev.strait.core.usage;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * A version of the prices: per model, optionally per market. A market-specific price wins over
 * the model's general one ({@code *}).
 */
public record PriceBook(String version, Map<String, Map<String, Price>> byModelAndMarket, BigDecimal batchFactor) {

    public static final String ANY_MARKET = "*";
    /** Batch work is sold at half the live price unless the price book says otherwise. */
    public static final BigDecimal DEFAULT_BATCH_FACTOR = new BigDecimal("0.5");

    public PriceBook {
        byModelAndMarket = Map.copyOf(byModelAndMarket);
        if (batchFactor == null || batchFactor.signum() < 0) {
            throw new IllegalArgumentException("the batch price factor must be a non-negative decimal");
        }
    }

    public PriceBook(String version, Map<String, Map<String, Price>> byModelAndMarket) {
        this(version, byModelAndMarket, DEFAULT_BATCH_FACTOR);
    }

    /** The price of a batch line: the live price times {@link #batchFactor}. */
    public Optional<Price> batchPrice(String model, String market) {
        return price(model, market).map(p -> p.scaled(batchFactor));
    }

    public Optional<Price> price(String model, String market) {
        Map<String, Price> byMarket = byModelAndMarket.get(model);
        if (byMarket == null) {
            return Optional.empty();
        }
        Price price = byMarket.get(market);
        return Optional.ofNullable(price != null ? price : byMarket.get(ANY_MARKET));
    }
}
