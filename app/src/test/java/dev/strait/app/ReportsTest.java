package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revenue by territory, top customers and statements, from the ledger, through the admin API. */
class ReportsTest {

    @TempDir
    Path dir;

    @Test
    void reportsRevenueByMarketWithGrowthTopCustomersAndExactStatements() throws Exception {
        try (Node node = new Node(dir)) {
            String us = PolicyReloadTest.verifiedKey(node, "US");
            String cn = PolicyReloadTest.verifiedKey(node, "CN");
            for (int i = 0; i < 30; i++) {
                assertThat(node.chat(i % 3 == 0 ? cn : us, i % 2 == 0 ? "gpt-4o" : "deepseek-chat").statusCode())
                        .isEqualTo(200);
            }
            LedgerTest.awaitLedger(node, 30);
            // Last month, the US market earned exactly half of what it earns this month: growth +100%.
            YearMonth month = YearMonth.now(ZoneOffset.UTC);
            String lastMonth = month.minusMonths(1).atDay(15).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
            try (Connection c = node.strait.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("insert into usage_ledger select 'old-' || request_id, timestamptz '" + lastMonth
                        + "', org_id, project_id, key_id, market, model, deployment, region, status, stream,"
                        + " input_tokens, output_tokens, cached_input_tokens, estimated, latency_us, cost / 2, currency,"
                        + " price_version from usage_ledger where market = 'US'");
            }

            JsonNode byMarket = node.adminJson("GET", "/admin/reports/usage?by=market", null);
            JsonNode usRow = row(byMarket, "market", "US");
            JsonNode cnRow = row(byMarket, "market", "CN");
            assertThat(usRow.get("requests").asLong()).isEqualTo(20);
            assertThat(cnRow.get("requests").asLong()).isEqualTo(10);
            assertThat(cnRow.get("currency").asText()).isEqualTo("CNY");
            assertThat(new BigDecimal(usRow.get("growth").asText())).isEqualByComparingTo("1");
            assertThat(cnRow.get("growth").isNull()).isTrue();

            HttpResponse<String> csv = node.admin("GET", "/admin/reports/usage?by=model&format=csv", null);
            assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            assertThat(csv.body()).startsWith("model,currency,requests,input_tokens,output_tokens,revenue,previous_revenue,growth\n")
                    .contains("\ngpt-4o,USD,").contains("\ndeepseek-chat,CNY,");

            JsonNode top = node.adminJson("GET", "/admin/reports/top-customers?limit=1", null);
            assertThat(top.get("data")).hasSize(1);

            String usOrg = usRow == null ? null : orgOf(node, us);
            JsonNode statement = node.adminJson("GET", "/admin/reports/statement?org=" + usOrg + "&month=" + month, null);
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode line : statement.get("lines")) {
                sum = sum.add(new BigDecimal(line.get("amount").asText()));
            }
            assertThat(statement.get("lines")).hasSize(2);
            assertThat(new BigDecimal(statement.get("total").asText())).isEqualTo(sum);
            assertThat(statement.get("total").asText()).matches("\\d+\\.\\d{2}");
        }
    }

    private static JsonNode row(JsonNode report, String field, String value) {
        for (JsonNode row : report.get("data")) {
            if (row.get(field).asText().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " = " + value + " in " + report);
    }

    private static String orgOf(Node node, String key) {
        for (JsonNode org : node.adminJson("GET", "/admin/orgs", null).get("data")) {
            if (org.get("market").asText().equals("US")) {
                return org.get("id").asText();
            }
        }
        throw new AssertionError("no US organization");
    }
}
