package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import dev.strait.app.config.StraitConfig;
import dev.strait.gateway.Http;
import dev.strait.gateway.RedisProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits set through the admin API are in force at once, and a budget's spend survives a restart. */
class LimitsApiTest {

    static RedisProcess redis;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

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
            BigDecimal spent = restarted.strait.ledger().spentSince(java.time.Instant.EPOCH).get("org:" + org + ":*");
            assertThat(spent).isPositive();
            // The month's spend came back from the ledger: what was refused before is refused still.
            assertThat(restarted.chat(key, "gpt-4o").body()).contains("budget_exceeded");
        }
    }

    @Test
    void projectAndKeyLimitsAreSetThroughTheAdminApiAndHoldAtOnce() {
        try (Node node = new Node(dir)) {
            String org = verifiedOrg(node, "Scoped Ltd");
            String project = node.adminJson("POST", "/admin/orgs/" + org + "/projects", "{\"name\":\"batch\"}")
                    .get("id").asText();
            JsonNode key = node.adminJson("POST", "/admin/keys", "{\"org\":\"" + org + "\",\"project\":\"" + project + "\"}");

            JsonNode rule = node.adminJson("POST", "/admin/projects/" + project + "/limits",
                    "{\"model\":\"gpt-4o\",\"requests_per_minute\":2,\"tokens_per_minute\":100000}");
            assertThat(rule.get("scope").asText()).isEqualTo("project");
            assertThat(rule.get("model").asText()).isEqualTo("gpt-4o");
            node.adminJson("POST", "/admin/keys/" + key.get("id").asText() + "/limits", "{\"requests_per_minute\":50}");
            assertThat(node.adminJson("GET", "/admin/projects/" + project + "/limits", null).get("data"))
                    .hasSize(1);

            HttpResponse<String> first = Http.await(() -> node.chat(key.get("key").asText(), "gpt-4o"),
                    r -> r.headers().firstValue("x-ratelimit-limit-tokens").isPresent(), java.time.Duration.ofSeconds(5));
            assertThat(first.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("100000");
            assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
            assertThat(node.adminJson("GET", "/admin/audit", null).toString()).contains("project.limits")
                    .contains("key.limits");
        }
    }

    @Test
    void badLimitsAreRefusedWithAClearError() {
        try (Node node = new Node(dir)) {
            String org = verifiedOrg(node, "Careless Ltd");
            HttpResponse<String> unknown = node.admin("POST", "/admin/orgs/" + org + "/limits", "{\"rpm\":5}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("unknown field 'rpm'");
            HttpResponse<String> negative = node.admin("POST", "/admin/orgs/" + org + "/limits",
                    "{\"tokens_per_minute\":-1}");
            assertThat(negative.statusCode()).isEqualTo(400);
            assertThat(negative.body()).contains("tokens_per_minute must be a positive whole number");
            assertThat(node.admin("POST", "/admin/projects/proj_nope/limits", "{\"requests_per_minute\":1}")
                    .statusCode()).isEqualTo(404);
        }
    }

    /** Two nodes on one database and one real Redis, limits set once through the admin API. */
    @Test
    void twoNodesSharingRedisHoldOneRequestsPerMinuteLimit() throws Exception {
        StraitConfig.LimitsSettings redisLimits = new StraitConfig.LimitsSettings(redis.url(), false,
                java.time.Duration.ofSeconds(2));
        try (Node first = new Node(dir.resolve("a"), null, redisLimits);
                Node second = new Node(dir.resolve("b"), first.strait.jdbcUrl(), redisLimits)) {
            String org = verifiedOrg(first, "Shared Ltd");
            String key = first.adminJson("POST", "/admin/keys", "{\"org\":\"" + org + "\"}").get("key").asText();
            first.adminJson("POST", "/admin/orgs/" + org + "/limits", "{\"requests_per_minute\":60}");
            awaitEarlyInAMinute();
            // Both nodes see the rule (a snapshot refresh away) before the count starts; a probe
            // that saw it counted against it.
            int served = 0;
            for (Node n : List.of(first, second)) {
                HttpResponse<String> probe = Http.await(() -> n.chat(key, "gpt-4o-mini"),
                        r -> r.headers().firstValue("x-ratelimit-limit-requests").isPresent(),
                        java.time.Duration.ofSeconds(5));
                assertThat(probe.statusCode()).as(() -> probe.body() + n.logs.toString(java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> l.contains("unreachable")).findFirst().orElse("")).isEqualTo(200);
                served++;
            }
            for (int i = 0; i < 120; i++) {
                if ((i % 2 == 0 ? first : second).chat(key, "gpt-4o").statusCode() == 200) {
                    served++;
                }
            }
            assertThat(served).as("one limit of 60 across both nodes").isEqualTo(60);
        }
    }

    static String verifiedOrg(Node node, String name) {
        String org = node.adminJson("POST", "/admin/orgs",
                "{\"legal_name\":\"" + name + "\",\"market\":\"US\",\"kind\":\"enterprise\"}").get("id").asText();
        node.adminJson("POST", "/admin/orgs/" + org + "/state", "{\"state\":\"verified\"}");
        return org;
    }

    /** A one-minute window must not end while the test counts in it. */
    static void awaitEarlyInAMinute() throws InterruptedException {
        while (java.time.LocalTime.now(java.time.ZoneOffset.UTC).getSecond() > 20) {
            Thread.sleep(500);
        }
    }
}
