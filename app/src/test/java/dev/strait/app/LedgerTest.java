package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage reaches the PostgreSQL ledger: one row per completed response, priced in the market's currency. */
class LedgerTest {

    @TempDir
    Path dir;

    @Test
    void everyCompletedResponseIsInTheLedgerExactlyOnce() throws Exception {
        try (Node node = new Node(dir)) {
            String us = PolicyReloadTest.verifiedKey(node, "US");
            String cn = PolicyReloadTest.verifiedKey(node, "CN");
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String key = i % 4 == 0 ? cn : us;
                calls.add(CompletableFuture.supplyAsync(() -> node.chat(key, "gpt-4o")));
            }
            List<String> ids = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.join();
                assertThat(response.statusCode()).isEqualTo(200);
                ids.add(response.headers().firstValue("x-request-id").orElseThrow());
            }

            awaitLedger(node, 200);
            try (Connection c = node.strait.dataSource().getConnection(); Statement s = c.createStatement()) {
                List<String> inLedger = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select request_id from usage_ledger")) {
                    while (rs.next()) {
                        inLedger.add(rs.getString(1));
                    }
                }
                assertThat(inLedger).containsExactlyInAnyOrderElementsOf(ids);
                try (ResultSet rs = s.executeQuery("select currency, count(*), sum(cost), min(price_version)"
                        + " from usage_ledger group by currency order by currency")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("CNY");
                    assertThat(rs.getLong(2)).isEqualTo(50);
                    assertThat(rs.getBigDecimal(3)).isPositive();
                    assertThat(rs.getString(4)).isEqualTo("2026-11-01");
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("USD");
                    assertThat(rs.getLong(2)).isEqualTo(150);
                }
                // Exact: each row's cost is its tokens times the price, to the last digit.
                try (ResultSet rs = s.executeQuery("select input_tokens, output_tokens, cost from usage_ledger"
                        + " where currency = 'USD' limit 1")) {
                    rs.next();
                    BigDecimal expected = new BigDecimal("2.50").multiply(BigDecimal.valueOf(rs.getLong(1)))
                            .add(new BigDecimal("10.00").multiply(BigDecimal.valueOf(rs.getLong(2))))
                            .divide(BigDecimal.valueOf(1_000_000));
                    assertThat(rs.getBigDecimal(3)).isEqualByComparingTo(expected);
                }
            }
        }
    }

    static void awaitLedger(Node node, long expected) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (node.strait.ledger().count() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(node.strait.ledger().count()).isEqualTo(expected);
    }

}
