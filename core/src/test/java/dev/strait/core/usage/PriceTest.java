package dev.strait.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTest {

    final Price gpt4o = new Price(new BigDecimal("2.50"), new BigDecimal("1.25"), new BigDecimal("10.00"), "USD");

    @Test
    void costsAreExactDecimals() {
        // 1,234 input (200 cached), 567 output: 1034*2.5 + 200*1.25 + 567*10 = 8505 micro-dollars.
        assertThat(gpt4o.cost(1_234, 200, 567)).isEqualByComparingTo("0.008505");
        // A sum of many tiny costs loses nothing.
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < 1_000; i++) {
            total = total.add(gpt4o.cost(1, 0, 1));
        }
        assertThat(total).isEqualByComparingTo("0.0125");
    }

    @Test
    void aMarketPriceWinsOverTheGeneralOne() {
        Price cn = new Price(new BigDecimal("18"), new BigDecimal("9"), new BigDecimal("72"), "CNY");
        PriceBook book = new PriceBook("2026-11", Map.of("gpt-4o", Map.of("*", gpt4o, "CN", cn)));

        assertThat(book.price("gpt-4o", "CN")).hasValue(cn);
        assertThat(book.price("gpt-4o", "US")).hasValue(gpt4o);
        assertThat(book.price("claude", "US")).isEmpty();
    }
}
