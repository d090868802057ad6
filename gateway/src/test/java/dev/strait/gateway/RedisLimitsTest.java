package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.core.access.ApiKey;
import dev.strait.core.access.KeySecrets;
import dev.strait.core.access.LimitRule;
import dev.strait.core.access.LimitRule.Scope;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgState;
import dev.strait.core.usage.UsageRecord;
import dev.strait.gateway.limit.RedisCounters;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateways, each with its own Redis client, share one real Redis: limits and budgets hold across
 * them as one. When Redis goes away, the fail-closed gateway refuses and the fail-open one serves;
 * both count again when Redis is back, without a restart.
 */
class RedisLimitsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:05Z"), ZoneOffset.UTC);
    static final RedisProcess REDIS = RedisProcess.start();

    /** The first gateway fails closed. */
    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness(GatewaySettings.defaults().withPorts(0, 0),
            vertx -> new RedisCounters(vertx, REDIS.url(), false, Duration.ofSeconds(2)), CLOCK);
    /** The second fails open. */
    static Gateway second;

    static final KeySecrets.Generated SHARED_RPM = Tenants.newKey();
    static final KeySecrets.Generated SHARED_BUDGET = Tenants.newKey();
    static final KeySecrets.Generated OUTAGE = Tenants.newKey();

    static final String BODY = Http.chatBody("gpt-4o", false);
    static final BigDecimal BUDGET = new BigDecimal("2.50").multiply(BigDecimal.valueOf(BODY.length()))
            .add(new BigDecimal("10.00").multiply(BigDecimal.valueOf(30))).divide(BigDecimal.valueOf(1_000_000))
            .multiply(BigDecimal.valueOf(100));

    @BeforeAll
    static void start() {
        second = harness.replica(new RedisCounters(harness.vertx, REDIS.url(), true, Duration.ofSeconds(2)));
        List<ApiKey> keys = List.of(Tenants.key(SHARED_RPM, "org_rpm", Set.of()),
                Tenants.key(SHARED_BUDGET, "org_budget", Set.of()), Tenants.key(OUTAGE, "org_outage", Set.of()));
        harness.access.set(Tenants.with(List.of(
                Tenants.org("org_rpm", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED),
                Tenants.org("org_budget", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED),
                Tenants.org("org_outage", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED)), keys, List.of(
                new LimitRule(Scope.ORGANIZATION, "org_rpm", "*", 200, null, null, "USD"),
                new LimitRule(Scope.ORGANIZATION, "org_budget", "*", null, null, BUDGET, "USD"),
                new LimitRule(Scope.ORGANIZATION, "org_outage", "*", 1_000, null, null, "USD"))));
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    static HttpResponse<String> chat(int port, KeySecrets.Generated key) {
        return Http.post("http://127.0.0.1:" + port + "/v1/chat/completions", BODY, "authorization",
                "Bearer " + key.text(), "content-type", "application/json");
    }

    /** Sends {@code n} requests from 32 threads, alternating between the two gateways. */
    static List<HttpResponse<String>> spread(int n, KeySecrets.Generated key) {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            int[] ports = {harness.gateway.port(), second.port()};
            return IntStream.range(0, n)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> chat(ports[i % 2], key), pool)).toList()
                    .stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void twoGatewaysSharingRedisHoldOneRequestsPerMinuteLimit() {
        List<HttpResponse<String>> responses = spread(400, SHARED_RPM);

        long served = responses.stream().filter(r -> r.statusCode() == 200).count();
        long refused = responses.stream().filter(r -> r.statusCode() == 429
                && r.body().contains("\"code\":\"rate_limit_exceeded\"")).count();
        assertThat(served + refused).isEqualTo(400);
        assertThat(served).as("one limit of 200 across both gateways, within 1%").isBetween(198L, 202L);
    }

    @Test
    void twoGatewaysSharingRedisNeverSpendPastOneBudget() {
        List<HttpResponse<String>> responses = spread(300, SHARED_BUDGET);

        long served = responses.stream().filter(r -> r.statusCode() == 200).count();
        long refused = responses.stream().filter(r -> r.statusCode() == 429
                && r.body().contains("\"code\":\"budget_exceeded\"")).count();
        assertThat(served + refused).isEqualTo(300);
        assertThat(served).isBetween(100L, 299L);
        BigDecimal spent = harness.usage.stream().filter(r -> r.orgId().equals("org_budget"))
                .map(UsageRecord::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(spent).isLessThanOrEqualTo(BUDGET);
        assertThat(second.limits().spent("org:org_budget:*", "2026-11").await())
                .as("Redis holds the exact spend of both gateways").isEqualByComparingTo(spent);
    }

    @Test
    void whenRedisIsDownFailClosedRefusesFailOpenServesAndBothRecoverWithoutRestart() {
        assertThat(chat(harness.gateway.port(), OUTAGE).statusCode()).isEqualTo(200);
        REDIS.stop();
        try {
            HttpResponse<String> closed = chat(harness.gateway.port(), OUTAGE);
            assertThat(closed.statusCode()).isEqualTo(503);
            assertThat(closed.body()).contains("\"code\":\"limits_unavailable\"");
            assertThat(closed.headers().firstValue("retry-after")).hasValue("1");

            HttpResponse<String> open = chat(second.port(), OUTAGE);
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(harness.gateway.registry().get("strait.limits.unavailable").counter().count()).isPositive();
        } finally {
            REDIS.startAgain();
        }

        for (int port : new int[] {harness.gateway.port(), second.port()}) {
            HttpResponse<String> back = Http.await(() -> chat(port, OUTAGE), r -> r.statusCode() == 200,
                    Duration.ofSeconds(10));
            assertThat(back.headers().firstValue("x-ratelimit-limit-requests")).hasValue("1000");
        }
    }
}
