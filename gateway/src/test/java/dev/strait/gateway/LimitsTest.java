package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.core.access.AccessSnapshot;
import dev.strait.core.access.KeySecrets;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgLimits;
import dev.strait.core.access.OrgState;
import dev.strait.core.usage.UsageRecord;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests per minute and monthly budgets, held under concurrency, refused with OpenAI-style 429s. */
class LimitsTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();
    static final KeySecrets.Generated LIMITED = Tenants.newKey();
    static final KeySecrets.Generated BUDGETED = Tenants.newKey();

    /** 100 requests of this body fit: each reserves (body bytes + 30) tokens at gpt-4o's prices. */
    static final String BODY = Http.chatBody("gpt-4o", false);
    static final BigDecimal RESERVATION = new BigDecimal("2.50").multiply(BigDecimal.valueOf(BODY.length()))
            .add(new BigDecimal("10.00").multiply(BigDecimal.valueOf(30))).divide(BigDecimal.valueOf(1_000_000));
    static final BigDecimal BUDGET = RESERVATION.multiply(BigDecimal.valueOf(100));

    @BeforeAll
    static void start() {
        AccessSnapshot base = Tenants.with(
                List.of(Tenants.org("org_rpm", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED),
                        Tenants.org("org_budget", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED)),
                List.of(Tenants.key(LIMITED, "org_rpm", Set.of()), Tenants.key(BUDGETED, "org_budget", Set.of())));
        harness.access.set(new AccessSnapshot(2, base.orgs(), List.of(), List.of(
                Tenants.key(LIMITED, "org_rpm", Set.of()), Tenants.key(BUDGETED, "org_budget", Set.of())),
                List.of(new OrgLimits("org_rpm", 5, null, null, null),
                        new OrgLimits("org_budget", null, null, BUDGET, "USD"))));
    }

    static HttpResponse<String> chat(KeySecrets.Generated key, String body) {
        return Http.post(harness.baseUrl() + "/v1/chat/completions", body, "authorization", "Bearer " + key.text(),
                "content-type", "application/json");
    }

    @Test
    void theSixthRequestInAMinuteIsRefusedWithRetryAfterAndRateLimitHeaders() {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> ok = chat(LIMITED, BODY);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).hasValue("5");
            assertThat(ok.headers().firstValue("x-ratelimit-remaining-requests")).hasValue(Integer.toString(4 - i));
        }

        HttpResponse<String> refused = chat(LIMITED, BODY);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"rate_limit_exceeded\"");
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(refused.headers().firstValue("x-ratelimit-reset-requests")).hasValueSatisfying(
                v -> assertThat(v).endsWith("s"));
    }

    @Test
    void fiveHundredParallelRequestsNeverSpendPastABudgetThatFitsAHundred() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<HttpResponse<String>> responses;
        try {
            responses = IntStream.range(0, 500)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> chat(BUDGETED, BODY), pool)).toList()
                    .stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }

        long served = responses.stream().filter(r -> r.statusCode() == 200).count();
        long refused = responses.stream().filter(r -> r.statusCode() == 429
                && r.body().contains("\"code\":\"budget_exceeded\"")).count();
        assertThat(served + refused).as("every request is accounted for").isEqualTo(500);
        assertThat(served).isBetween(100L, 499L);
        List<UsageRecord> records = harness.usage.stream().filter(r -> r.orgId().equals("org_budget")).toList();
        assertThat(records).hasSize((int) served);
        BigDecimal spent = records.stream().map(UsageRecord::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(spent).isLessThanOrEqualTo(BUDGET);
        assertThat(harness.gateway.budgets().spent("org_budget")).isEqualByComparingTo(spent);
    }
}
