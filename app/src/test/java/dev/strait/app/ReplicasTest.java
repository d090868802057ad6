package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.app.config.StraitConfig;
import dev.strait.app.events.EventsSettings;
import dev.strait.gateway.Http;
import dev.strait.gateway.RedisProcess;
import dev.strait.monitor.risk.Verdict;
import dev.strait.store.Database;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three gateway replicas on loopback, one PostgreSQL, one Redis and one Kafka between them, behave
 * as one: keys, revocations and policy changes made on one are in force on all within the refresh
 * interval (200 ms here); one limit and one budget hold across all; an organization's traffic spread
 * over the three is judged in one place, and what the monitor decides applies on all three.
 */
class ReplicasTest {

    static final Duration REFRESH = Duration.ofMillis(200);

    @TempDir
    static Path dir;
    static Database database;
    static RedisProcess redis;
    static KafkaBroker kafka;
    static MovableClock clock = new MovableClock(Instant.parse("2026-11-02T00:00:00Z"));
    static List<Node> nodes = new ArrayList<>();

    @BeforeAll
    static void startReplicas() {
        database = Database.embedded(dir.resolve("pg"));
        redis = RedisProcess.start();
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        StraitConfig.LimitsSettings limits = new StraitConfig.LimitsSettings(redis.url(), false, Duration.ofSeconds(2));
        EventsSettings events = new EventsSettings(EventsSettings.Bus.KAFKA, new EventsSettings.Kafka(
                kafka.bootstrapServers(), "replicas.", "replicas", 6, 1, Map.of()));
        for (String name : List.of("a", "b", "c")) {
            nodes.add(new Node(dir.resolve(name), database.jdbcUrl(), limits, StraitConfig.ScreeningSettings.NONE,
                    clock, events));
        }
    }

    @AfterAll
    static void stopReplicas() {
        nodes.forEach(Node::close);
        kafka.close();
        redis.close();
        database.close();
    }

    @Test
    void aKeyMadeOnOneIsUsableOnAllAndARevocationOnOneIsRefusedOnAllWithinTheRefreshInterval() {
        String org = LimitsApiTest.verifiedOrg(nodes.get(0), "Replicated Keys Ltd");
        var created = nodes.get(0).adminJson("POST", "/admin/keys", "{\"org\":\"" + org + "\"}");
        String key = created.get("key").asText();
        for (Node node : nodes) {
            assertThat(Http.await(() -> node.chat(key, "gpt-4o-mini"), r -> r.statusCode() == 200,
                    Duration.ofSeconds(2)).statusCode()).isEqualTo(200);
        }

        nodes.get(1).adminJson("POST", "/admin/keys/" + created.get("id").asText() + "/revoke", null);
        long revoked = System.nanoTime();
        for (Node node : nodes) {
            HttpResponse<String> refused = Http.await(() -> node.chat(key, "gpt-4o-mini"),
                    r -> r.statusCode() == 401, Duration.ofSeconds(2));
            assertThat(refused.statusCode()).isEqualTo(401);
        }
        // One refresh (200 ms) plus a snapshot load; the margin is for a loaded two-core CI machine.
        assertThat(Duration.ofNanos(System.nanoTime() - revoked)).as("within a few refresh intervals")
                .isLessThan(REFRESH.multipliedBy(8));
    }

    @Test
    void aPolicyChangedAndReloadedOnOneIsInForceOnAll() throws Exception {
        String key = PolicyReloadTest.verifiedKey(nodes.get(0), "CN");
        for (Node node : nodes) {
            assertThat(Http.await(() -> node.chat(key, "gpt-4o"), r -> r.statusCode() == 200,
                    Duration.ofSeconds(2)).statusCode()).isEqualTo(200);
        }
        // Only the third replica's file is edited: the others learn the change from PostgreSQL.
        Node editor = nodes.get(2);
        String policy = Files.readString(editor.policyFile);
        Files.writeString(editor.policyFile, policy.replace("vendors: [openai, deepseek]", "vendors: [deepseek]"));
        String sha = editor.adminJson("POST", "/admin/policy/reload", null).get("sha256").asText();
        for (Node node : nodes) {
            HttpResponse<String> refused = Http.await(() -> node.chat(key, "gpt-4o"), r -> r.statusCode() == 403,
                    Duration.ofSeconds(2));
            assertThat(refused.body()).contains("model_not_available_in_market");
            assertThat(node.adminJson("GET", "/admin/policy", null).get("sha256").asText()).isEqualTo(sha);
        }
        // Put back, the same way, for the other tests.
        Files.writeString(editor.policyFile, policy);
        editor.adminJson("POST", "/admin/policy/reload", null);
        for (Node node : nodes) {
            assertThat(Http.await(() -> node.chat(key, "gpt-4o"), r -> r.statusCode() == 200,
                    Duration.ofSeconds(2)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void oneRequestsPerMinuteLimitAndOneBudgetHoldAcrossAllThree() throws Exception {
        clock.advance(Duration.ofMinutes(1)); // a window of its own; the clock stands still while we count
        String org = LimitsApiTest.verifiedOrg(nodes.get(0), "Limited Everywhere Ltd");
        String key = nodes.get(0).adminJson("POST", "/admin/keys", "{\"org\":\"" + org + "\"}").get("key").asText();
        nodes.get(1).adminJson("POST", "/admin/orgs/" + org + "/limits", "{\"requests_per_minute\":30}");
        int served = 0;
        for (Node node : nodes) {
            HttpResponse<String> probe = Http.await(() -> node.chat(key, "gpt-4o-mini"),
                    r -> r.headers().firstValue("x-ratelimit-limit-requests").isPresent(), Duration.ofSeconds(2));
            assertThat(probe.statusCode()).isEqualTo(200);
            served++;
        }
        for (int i = 0; i < 60; i++) {
            served += nodes.get(i % 3).chat(key, "gpt-4o-mini").statusCode() == 200 ? 1 : 0;
        }
        assertThat(served).as("one limit of 30 across three replicas").isEqualTo(30);

        String budgeted = LimitsApiTest.verifiedOrg(nodes.get(2), "Budgeted Everywhere Ltd");
        String budgetKey = nodes.get(2).adminJson("POST", "/admin/keys", "{\"org\":\"" + budgeted + "\"}")
                .get("key").asText();
        nodes.get(0).adminJson("POST", "/admin/orgs/" + budgeted + "/limits",
                "{\"requests_per_minute\":100000,\"monthly_budget\":\"0.02\",\"currency\":\"USD\"}");
        // Each request holds its max_tokens' worth (a tenth of a cent) until it settles at its cost.
        for (Node node : nodes) {
            Http.await(() -> MonitoringLiveTest.chat(node, budgetKey, "hello", 1, 100),
                    r -> r.headers().firstValue("x-ratelimit-limit-requests").isPresent(), Duration.ofSeconds(2));
        }
        Set<Integer> refusing = new HashSet<>();
        for (int i = 0; i < 3_000 && refusing.size() < 3; i++) {
            HttpResponse<String> answer = MonitoringLiveTest.chat(nodes.get(i % 3), budgetKey, "hello", 1, 100);
            if (answer.statusCode() != 200) {
                assertThat(answer.body()).contains("budget_exceeded");
                refusing.add(i % 3);
            }
        }
        assertThat(refusing).as("every replica refuses once the one budget is spent").hasSize(3);
        Thread.sleep(1_000); // the ledger consumer catches up
        assertThat(spent(budgeted)).as("never beyond the budget").isPositive()
                .isLessThanOrEqualTo(new BigDecimal("0.02"));
    }

    @Test
    void aHarvesterSpreadOverThreeReplicasIsJudgedInOnePlaceAndStoppedOnAll() throws Exception {
        Random random = new Random(11);
        Node first = nodes.get(0);
        String harvester = LimitsApiTest.verifiedOrg(first, "Spread Thin Trading Ltd");
        String key = first.adminJson("POST", "/admin/keys", "{\"org\":\"" + harvester + "\"}").get("key").asText();
        java.util.function.LongSupplier judged = () -> nodes.stream().mapToLong(n -> n.strait.monitor().engine()
                .verdict(harvester).map(Verdict::requests).orElse(0L).longValue()).sum();
        int sent = 0;
        for (Node node : nodes) { // every replica knows the key before the harvest starts
            Http.await(() -> MonitoringLiveTest.chat(node, key, "hello", 1, 50), r -> r.statusCode() == 200,
                    Duration.ofSeconds(2));
            sent++;
        }
        boolean throttled = false;
        for (int i = 0; i < 600 && !throttled; i++) {
            clock.advance(Duration.ofMinutes(7));
            HttpResponse<String> answer = MonitoringLiveTest.chat(nodes.get(i % 3), key,
                    MonitoringLiveTest.harvestPrompt(random), 3, 4000);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            sent++;
            // Each request is judged before the next, so the clock cannot run past the ladder's next rung.
            awaitJudged(judged, sent);
            throttled = openCase(first, harvester).isPresent();
        }
        assertThat(throttled).as("caught").isTrue();

        // Judged in one place: one replica's monitor saw every request of the organization.
        assertThat(judged.getAsLong()).as("every request served, judged").isEqualTo(sent);
        long judges = nodes.stream().filter(n -> n.strait.monitor().engine().verdict(harvester)
                .map(v -> v.requests() > 0).orElse(false)).count();
        assertThat(judges).as("one replica judges all of the organization's traffic").isEqualTo(1);

        // The throttle is one limit in Redis: ten a minute across all three, and each refuses the rest.
        Thread.sleep(REFRESH.multipliedBy(3).toMillis());
        clock.advance(Duration.ofMinutes(1));
        int served = 0;
        Set<Integer> refusing = new HashSet<>();
        for (int b = 0; b < 15; b++) {
            HttpResponse<String> answer = MonitoringLiveTest.chat(nodes.get(b % 3), key, "and one more", 1, 100);
            if (answer.statusCode() == 200) {
                served++;
            } else {
                assertThat(answer.body()).contains("throttled organization");
                refusing.add(b % 3);
            }
        }
        assertThat(served).isLessThanOrEqualTo(10);
        assertThat(refusing).hasSize(3);

        // Suspension, once the throttle has stood long enough, is refused on every replica.
        boolean suspended = false;
        for (int i = 0; i < 300 && !suspended; i++) {
            clock.advance(Duration.ofMinutes(7));
            suspended = MonitoringLiveTest.chat(nodes.get(i % 3), key, MonitoringLiveTest.harvestPrompt(random), 3, 4000)
                    .statusCode() == 403;
            if (i % 10 == 9) {
                Thread.sleep(300);
            }
        }
        assertThat(suspended).as("suspended").isTrue();
        for (Node node : nodes) {
            HttpResponse<String> refused = Http.await(() -> MonitoringLiveTest.chat(node, key, "hello", 1, 50),
                    r -> r.statusCode() == 403, Duration.ofSeconds(2));
            assertThat(refused.body()).contains("organization_suspended");
        }
    }

    private static void awaitJudged(java.util.function.LongSupplier judged, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (judged.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static Optional<com.fasterxml.jackson.databind.JsonNode> openCase(Node node, String org) {
        for (var c : node.adminJson("GET", "/admin/monitor/cases?status=open", null).get("data")) {
            if (c.get("org").asText().equals(org) && !c.get("action").asText().equals("none")) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static BigDecimal spent(String org) throws Exception {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery(
                        "select coalesce(sum(cost), 0) from usage_ledger where org_id = '" + org + "'")) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }
}
