package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.core.access.KeySecrets;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgState;
import dev.strait.core.policy.Market;
import dev.strait.emulator.Faults;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Market policy on the request path, through real HTTP: who may be served at all, which models a
 * market may buy, which regions may serve it, and what a key may call.
 */
class PolicyEnforcementTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();
    static final KeySecrets.Generated CN = Tenants.newKey();
    static final KeySecrets.Generated INDIVIDUAL = Tenants.newKey();
    static final KeySecrets.Generated PENDING = Tenants.newKey();
    static final KeySecrets.Generated SUSPENDED = Tenants.newKey();
    static final KeySecrets.Generated SCOPED = Tenants.newKey();

    @BeforeAll
    static void start() {
        harness.access.set(Tenants.with(
                List.of(Tenants.org("org_cn", "CN", OrgKind.ENTERPRISE, OrgState.VERIFIED),
                        Tenants.org("org_dev", "US", OrgKind.INDIVIDUAL, OrgState.VERIFIED),
                        Tenants.org("org_new", "US", OrgKind.ENTERPRISE, OrgState.PENDING),
                        Tenants.org("org_off", "US", OrgKind.ENTERPRISE, OrgState.SUSPENDED)),
                List.of(Tenants.key(CN, "org_cn", Set.of()), Tenants.key(INDIVIDUAL, "org_dev", Set.of()),
                        Tenants.key(PENDING, "org_new", Set.of()), Tenants.key(SUSPENDED, "org_off", Set.of()),
                        Tenants.key(SCOPED, "org_us", Set.of("gpt-4o")))));
        // China buys OpenAI models only, served from Singapore only.
        harness.policy.set(Tenants.policy(Map.of(
                        "US", Tenants.market("US", Set.of("openai", "anthropic", "other"), Tenants.ALL_REGIONS),
                        "CN", Tenants.market("CN", Set.of("openai"), List.of("singapore"))),
                vendors()));
    }

    /** Requests the healthy emulator has seen since the test began. */
    long upstreamRequests() {
        return harness.healthy.stats().requests() - upstreamBefore;
    }

    long upstreamBefore;

    @org.junit.jupiter.api.BeforeEach
    void mark() {
        upstreamBefore = harness.healthy.stats().requests();
    }

    static HttpResponse<String> chat(KeySecrets.Generated key, String model) {
        return Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody(model, false),
                "authorization", "Bearer " + key.text(), "content-type", "application/json");
    }

    @Test
    void deniesAnthropicModelsToChineseCustomersWithASpecificCode() {
        HttpResponse<String> response = chat(CN, "claude-sonnet-4-5");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"model_not_available_in_market\"");
        assertThat(upstreamRequests()).isZero();
        assertThat(harness.awaitLog("\"denied_by\":\"markets.CN.vendors\"")).contains("\"denied_by\":\"markets.CN.vendors\"");
    }

    @Test
    void servesChineseCustomersFromSingaporeOnly() {
        HttpResponse<String> response = chat(CN, "gpt-4o-mini");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-strait-region")).hasValue("singapore");
    }

    @Test
    void failsClosedRatherThanLeakingToAForbiddenRegion() {
        // gpt-4o is deployed only in us-east: no region China may use.
        HttpResponse<String> response = chat(CN, "gpt-4o");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"region_unavailable\"");
        assertThat(upstreamRequests()).isZero();
    }

    @Test
    void failoverStaysInsidePermittedRegions() {
        // failover-gpt: primary in us-east (faulty), secondary in eu-west. Neither is Singapore.
        harness.faulty.faults(Faults.status(500));
        harness.policy.set(withMarket(Tenants.market("CN", Set.of("openai"), List.of("us-east"))));
        try {
            HttpResponse<String> response = chat(CN, "failover-gpt");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(upstreamRequests()).as("the eu-west deployment was never tried").isZero();
        } finally {
            harness.policy.set(withMarket(Tenants.market("CN", Set.of("openai"), List.of("singapore"))));
        }
    }

    @Test
    void refusesIndividualsPendingAndSuspendedOrganizations() {
        assertThat(chat(INDIVIDUAL, "gpt-4o").body()).contains("\"code\":\"individual_not_permitted\"");
        assertThat(chat(PENDING, "gpt-4o").body()).contains("\"code\":\"organization_not_verified\"");
        HttpResponse<String> suspended = chat(SUSPENDED, "gpt-4o");
        assertThat(suspended.statusCode()).isEqualTo(403);
        assertThat(suspended.body()).contains("\"code\":\"organization_suspended\"");
        assertThat(upstreamRequests()).isZero();
    }

    @Test
    void aKeyScopedToModelsCallsOnlyThose() {
        assertThat(chat(SCOPED, "gpt-4o").statusCode()).isEqualTo(200);
        HttpResponse<String> outside = chat(SCOPED, "claude-sonnet-4-5");
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(outside.body()).contains("model_not_in_key_scope");
    }

    @Test
    void anUnknownKeyIs401() {
        HttpResponse<String> response = Http.post(harness.baseUrl() + "/v1/chat/completions",
                Http.chatBody("gpt-4o", false), "authorization", "Bearer sk-strait-nope", "content-type", "application/json");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_api_key");
    }

    @Test
    void theModelListShowsOnlyWhatTheCallersOrganizationMayUse() {
        String cn = Http.get(harness.baseUrl() + "/v1/models", "authorization", "Bearer " + CN.text()).body();
        String us = Http.get(harness.baseUrl() + "/v1/models", "authorization", "Bearer " + GatewayHarness.KEY).body();

        assertThat(cn).contains("\"gpt-4o-mini\"").doesNotContain("claude").doesNotContain("\"gpt-4o\"");
        assertThat(us).contains("\"gpt-4o\"").contains("\"claude-sonnet-4-5\"");
        assertThat(Http.get(harness.baseUrl() + "/v1/models/claude-sonnet-4-5", "authorization", "Bearer " + CN.text())
                .statusCode()).isEqualTo(404);
    }

    /** In order: the catch-all vendor last, since the first matching vendor owns a model. */
    static Map<String, List<String>> vendors() {
        Map<String, List<String>> vendors = new java.util.LinkedHashMap<>();
        vendors.put("openai", List.of("gpt-*", "failover-gpt", "faulty-gpt", "text-embedding-*"));
        vendors.put("anthropic", List.of("claude-*", "failover-claude", "faulty-claude"));
        vendors.put("other", List.of("*"));
        return vendors;
    }

    private static dev.strait.core.policy.Policy withMarket(Market cn) {
        var current = harness.policy.get();
        Map<String, Market> markets = new java.util.HashMap<>(current.markets());
        markets.put("CN", cn);
        return Tenants.policy(markets, current.vendorModels());
    }
}
