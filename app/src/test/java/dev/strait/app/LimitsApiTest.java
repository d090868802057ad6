package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits set through the admin API are in force at once, and a budget's spend survives a restart. */
class LimitsApiTest {

    @TempDir
    Path dir;

    @Test
    void aBudgetSetThroughTheAdminApiHoldsAcrossARestart() throws Exception {
        String key;
        String org;
        try (Node node = new Node(dir)) {
            JsonNode created = node.adminJson("POST", "/admin/orgs",
                    "{\"legal_name\":\"Budgeted Ltd\",\"market\":\"US\",\"kind\":\"enterprise\"}");
            org = created.get("id").asText();
            node.adminJson("POST", "/admin/orgs/" + org + "/state", "{\"state\":\"verified\"}");
            key = node.adminJson("POST", "/admin/keys", "{\"org\":\"" + org + "\"}").get("key").asText();
            // A request that names no max_tokens holds 16,384 output tokens at $10 per million (~$0.164)
            // until it settles to its real cost (~$0.00025): about 145 fit in $0.20.
            JsonNode limits = node.adminJson("POST", "/admin/orgs/" + org + "/limits",
                    "{\"requests_per_minute\":1000,\"monthly_budget\":\"0.2\",\"currency\":\"USD\"}");
            assertThat(limits.get("monthly_budget").asText()).isEqualTo("0.2");

            int served = 0;
            while (node.chat(key, "gpt-4o").statusCode() == 200) {
                served++;
                assertThat(served).isLessThan(1_000);
            }
            assertThat(served).isPositive();
            assertThat(node.chat(key, "gpt-4o").body()).contains("budget_exceeded");
            LedgerTest.awaitLedger(node, served);
            assertThat(node.adminJson("GET", "/admin/audit", null).toString()).contains("org.limits");
        }
        try (Node restarted = new Node(dir)) {
            BigDecimal spent = restarted.strait.ledger().spentSince(java.time.Instant.EPOCH).get(org);
            assertThat(spent).isPositive();
            // The month's spend came back from the ledger: what was refused before is refused still.
            assertThat(restarted.chat(key, "gpt-4o").body()).contains("budget_exceeded");
        }
    }

    @Test
    void tokensPerMinuteIsRefusedUntilItIsEnforced() {
        try (Node node = new Node(dir)) {
            JsonNode created = node.adminJson("POST", "/admin/orgs",
                    "{\"legal_name\":\"Tokens Ltd\",\"market\":\"US\",\"kind\":\"enterprise\"}");
            assertThat(node.admin("POST", "/admin/orgs/" + created.get("id").asText() + "/limits",
                    "{\"tokens_per_minute\":1000}").statusCode()).isEqualTo(400);
        }
    }
}
