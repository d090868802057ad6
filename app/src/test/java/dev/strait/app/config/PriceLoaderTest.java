package dev.strait.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strait.core.usage.PriceBook;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceLoaderTest {

    @Test
    void theBuiltInPriceBookHasMarketPricesInTheirCurrency() {
        PriceBook book = new PriceLoader().loadDefault();

        assertThat(book.version()).isEqualTo("2026-11-01");
        assertThat(book.price("gpt-4o", "US").orElseThrow().output()).isEqualByComparingTo("10.00");
        assertThat(book.price("gpt-4o", "CN").orElseThrow().currency()).isEqualTo("CNY");
        assertThat(book.price("claude-sonnet-4-5", "CN").orElseThrow().currency()).isEqualTo("USD");
    }

    @Test
    void pricesAreExactDecimalsAndBadOnesNameTheirLine() {
        PriceBook book = new PriceLoader().parse("p.yaml", """
                version: "v1"
                currency: USD
                models:
                  m: {input: "0.1", cached_input: "0.05", output: "0.3"}
                """);
        assertThat(book.price("m", "US").orElseThrow().input()).isEqualTo(new BigDecimal("0.1"));

        assertThatThrownBy(() -> new PriceLoader().parse("p.yaml", """
                version: "v1"
                currency: USD
                models:
                  m: {input: "cheap", cached_input: "0.05", output: "0.3"}
                """)).hasMessageStartingWith("p.yaml:4: models.m.input: must be a decimal number");
        assertThatThrownBy(() -> new PriceLoader().parse("p.yaml", """
                version: "v1"
                currency: USD
                models:
                  m: {input: "1", cached_input: "1", output: "1", extra: "1"}
                """)).hasMessageContaining("models.m.extra: unknown field");
    }

    @Test
    void batchLinesCostTheBatchFactorOfTheLivePriceHalfUnlessSaidOtherwise() {
        PriceBook builtIn = new PriceLoader().loadDefault();
        assertThat(builtIn.batchPrice("gpt-4o", "US").orElseThrow().output()).isEqualByComparingTo("5.00");
        assertThat(builtIn.batchPrice("gpt-4o", "CN").orElseThrow().currency()).isEqualTo("CNY");

        PriceBook book = new PriceLoader().parse("p.yaml", """
                version: "v1"
                currency: USD
                batch_factor: "0.4"
                models:
                  m: {input: "1.00", cached_input: "0.50", output: "3.00"}
                """);
        assertThat(book.batchPrice("m", "US").orElseThrow().cost(1_000_000, 0, 1_000_000))
                .isEqualByComparingTo("1.60");
        assertThat(new PriceLoader().parse("p.yaml", """
                version: "v1"
                currency: USD
                models:
                  m: {input: "1.00", cached_input: "0.50", output: "3.00"}
                """).batchFactor()).isEqualByComparingTo("0.5");
        assertThatThrownBy(() -> new PriceLoader().parse("p.yaml", """
                version: "v1"
                currency: USD
                batch_factor: "-1"
                models:
                  m: {input: "1", cached_input: "1", output: "1"}
                """)).hasMessageContaining("batch_factor");
    }
}
