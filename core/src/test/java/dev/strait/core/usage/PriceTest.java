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
    void aCostIsTheExactQuotientPerMillionInItsShortestForm() {
        // The representation matters, not only the value: the spool and the ledger carry its plain string.
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            Price price = new Price(BigDecimal.valueOf(random.nextInt(100_000), random.nextInt(6)),
                    BigDecimal.valueOf(random.nextInt(100_000), random.nextInt(6)),
                    BigDecimal.valueOf(random.nextInt(100_000), random.nextInt(6)), "USD");
            long input = random.nextInt(2_000_000);
            long cached = random.nextInt(3) == 0 ? 0 : random.nextInt(2_500_000);
            long output = random.nextInt(200_000);
            BigDecimal micro = price.input().multiply(BigDecimal.valueOf(Math.max(0, input - cached)))
                    .add(price.cachedInput().multiply(BigDecimal.valueOf(Math.min(cached, input))))
                    .add(price.output().multiply(BigDecimal.valueOf(output)));
            assertThat(price.cost(input, cached, output))
                    .isEqualTo(micro.divide(BigDecimal.valueOf(1_000_000)).stripTrailingZeros());
        }
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
