package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.core.access.ApiKey;
import dev.strait.core.access.KeySecrets;
import dev.strait.core.access.LimitRule;
import dev.strait.core.access.LimitRule.Scope;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgState;
import dev.strait.core.usage.UsageRecord;
import dev.strait.gateway.limit.LocalCounters;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests and tokens per minute and monthly budgets, per organization, project and key, on all
 * models or one, held under concurrency and refused with OpenAI-style 429s. The clock stands still,
 * so every test stays inside one minute.
 */
class LimitsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:30Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness(
            GatewaySettings.defaults().withPorts(0, 0), vertx -> new LocalCounters(), CLOCK);

    static final KeySecrets.Generated LIMITED = Tenants.newKey();
    static final KeySecrets.Generated BUDGETED = Tenants.newKey();
    static final KeySecrets.Generated IN_PROJECT = Tenants.newKey();
    static final KeySecrets.Generated OUTSIDE_PROJECT = Tenants.newKey();
    static final KeySecrets.Generated ONE_PER_MINUTE = Tenants.newKey();
    static final KeySecrets.Generated TOKEN_LIMITED = Tenants.newKey();

    /** 100 requests of this body fit: each reserves (body bytes + 30) tokens at gpt-4o's prices. */
    static final String BODY = Http.chatBody("gpt-4o", false);
    static final BigDecimal RESERVATION = new BigDecimal("2.50").multiply(BigDecimal.valueOf(BODY.length()))
            .add(new BigDecimal("10.00").multiply(BigDecimal.valueOf(30))).divide(BigDecimal.valueOf(1_000_000));
    static final BigDecimal BUDGET = RESERVATION.multiply(BigDecimal.valueOf(100));

    @BeforeAll
    static void start() {
        List<ApiKey> keys = List.of(Tenants.key(LIMITED, "org_rpm", Set.of()),
                Tenants.key(BUDGETED, "org_budget", Set.of()),
                inProject(Tenants.key(IN_PROJECT, "org_scoped", Set.of()), "proj_batch"),
                Tenants.key(OUTSIDE_PROJECT, "org_scoped", Set.of()),
                Tenants.key(ONE_PER_MINUTE, "org_scoped", Set.of()),
                Tenants.key(TOKEN_LIMITED, "org_tpm", Set.of()));
        harness.access.set(Tenants.with(List.of(
                Tenants.org("org_rpm", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED),
                Tenants.org("org_budget", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED),
                Tenants.org("org_scoped", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED),
                Tenants.org("org_tpm", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED)), keys, List.of(
                rule(Scope.ORGANIZATION, "org_rpm", "*", 5, null, null),
                rule(Scope.ORGANIZATION, "org_budget", "*", null, null, BUDGET),
                rule(Scope.PROJECT, "proj_batch", "gpt-4o", 2, null, null),
                rule(Scope.KEY, "key_" + ONE_PER_MINUTE.prefix(), "*", 1, null, null),
                rule(Scope.ORGANIZATION, "org_tpm", "*", null, 2_000L, null))));
    }

    static LimitRule rule(Scope scope, String subject, String model, Integer rpm, Long tpm, BigDecimal budget) {
        return new LimitRule(scope, subject, model, rpm, tpm, budget, "USD");
    }

    static ApiKey inProject(ApiKey k, String project) {
        return new ApiKey(k.id(), k.prefix(), k.secretHash(), k.orgId(), project, k.name(), k.models(), null, null,
                k.createdAt());
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
        assertThat(refused.body()).contains("\"code\":\"rate_limit_exceeded\"").contains("organization org_rpm");
        assertThat(refused.headers().firstValue("retry-after")).hasValue("30");
        assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(refused.headers().firstValue("x-ratelimit-reset-requests")).hasValue("30s");
    }

    @Test
    void aProjectLimitOnOneModelHoldsOnlyThatProjectOnThatModel() {
        assertThat(chat(IN_PROJECT, BODY).statusCode()).isEqualTo(200);
        assertThat(chat(IN_PROJECT, BODY).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = chat(IN_PROJECT, BODY);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("project proj_batch on gpt-4o");
        assertThat(chat(IN_PROJECT, Http.chatBody("gpt-4o-mini", false)).statusCode())
                .as("another model is not held by the rule").isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(chat(OUTSIDE_PROJECT, BODY).statusCode()).as("a key outside the project").isEqualTo(200);
        }
    }

    @Test
    void aKeyLimitHoldsThatKey() {
        assertThat(chat(ONE_PER_MINUTE, BODY).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = chat(ONE_PER_MINUTE, BODY);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("key key_" + ONE_PER_MINUTE.prefix());
    }

    @Test
    void tokensPerMinuteAreTakenAtAnEstimateAndSettledToWhatWasUsed() throws Exception {
        long estimate = (BODY.getBytes().length + 3) / 4 + 30;

        HttpResponse<String> first = chat(TOKEN_LIMITED, BODY);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("2000");
        assertThat(first.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue(Long.toString(2000 - estimate));
        JsonNode usage = new ObjectMapper().readTree(first.body()).path("usage");
        long used = usage.path("prompt_tokens").asLong() + usage.path("completion_tokens").asLong();
        assertThat(used).isPositive().isNotEqualTo(estimate);

        HttpResponse<String> second = chat(TOKEN_LIMITED, BODY);

        assertThat(second.headers().firstValue("x-ratelimit-remaining-tokens"))
                .as("the first request now counts what it used, not its estimate")
                .hasValue(Long.toString(2000 - used - estimate));

        HttpResponse<String> tooLarge = chat(TOKEN_LIMITED, BODY.replace("\"max_tokens\":30", "\"max_tokens\":5000"));

        assertThat(tooLarge.statusCode()).isEqualTo(429);
        assertThat(tooLarge.body()).contains("\"code\":\"rate_limit_exceeded\"").contains("2000 tokens per minute");
        assertThat(tooLarge.headers().firstValue("x-ratelimit-remaining-tokens")).isPresent();
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
        assertThat(harness.gateway.limits().spent("org:org_budget:*", "2026-11").await())
                .isEqualByComparingTo(spent);
    }
}
