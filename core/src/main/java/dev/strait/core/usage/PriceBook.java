package dev.strait.core.usage;

import java.util.Map;
import java.util.Optional;

/**
 * A version of the prices: per model, optionally per market. A market-specific price wins over
 * the model's general one ({@code *}).
 */
public record PriceBook(String version, Map<String, Map<String, Price>> byModelAndMarket) {

    public static final String ANY_MARKET = "*";

    public PriceBook {
        byModelAndMarket = Map.copyOf(byModelAndMarket);
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
