package dev.strait.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgState;
import dev.strait.core.access.Organization;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTest {

    static final Storage META = new Storage(Storage.Level.METADATA, 30);

    static Policy policy() {
        Map<String, List<String>> vendors = new LinkedHashMap<>();
        vendors.put("openai", List.of("gpt-*", "text-embedding-*"));
        vendors.put("anthropic", List.of("claude-*"));
        vendors.put("deepseek", List.of("deepseek-*"));
        return new Policy("policy.yaml", "abc", Map.of(
                "CN", new Market("CN", "China", Set.of("openai", "deepseek"), Set.of(), Set.of("gpt-4o-mini"),
                        List.of("singapore"), META, "elevated", Map.of("vendors", "policy.yaml:9 markets.CN.vendors",
                                "deny_models", "policy.yaml:10 markets.CN.deny_models")),
                "US", new Market("US", "United States", Set.of("openai", "anthropic"), Set.of("deepseek-chat"),
                        Set.of(), List.of("us-east"), META, "standard", Map.of("allow_models", "policy.yaml:20 markets.US.allow_models"))),
                vendors, Set.of(OrgKind.ENTERPRISE), Map.of("customers.kinds", "policy.yaml:2 customers.kinds"));
    }

    static Organization org(String market, OrgKind kind, OrgState state) {
        return new Organization("org_1", "Acme", "R-1", market, kind, state, List.of(), Instant.EPOCH);
    }

    final Policy policy = policy();

    @Test
    void deniesAnthropicModelsToChineseCustomersNamingTheRule() {
        Decision decision = policy.evaluate(org("CN", OrgKind.ENTERPRISE, OrgState.VERIFIED), "claude-sonnet-4-5");

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.code()).isEqualTo("model_not_available_in_market");
        assertThat(decision.rule()).isEqualTo("policy.yaml:9 markets.CN.vendors");
    }

    @Test
    void allowsOpenAiModelsToChineseCustomers() {
        assertThat(policy.evaluate(org("CN", OrgKind.ENTERPRISE, OrgState.VERIFIED), "gpt-4o").allowed()).isTrue();
    }

    @Test
    void aDeniedModelWinsOverItsLicensedVendor() {
        Decision decision = policy.evaluate(org("CN", OrgKind.ENTERPRISE, OrgState.VERIFIED), "gpt-4o-mini");

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rule()).isEqualTo("policy.yaml:10 markets.CN.deny_models");
    }

    @Test
    void aSingleModelCanBeLicensedWithoutItsVendor() {
        Decision decision = policy.evaluate(org("US", OrgKind.ENTERPRISE, OrgState.VERIFIED), "deepseek-chat");

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.rule()).contains("allow_models");
    }

    @Test
    void refusesIndividualsPendingAndSuspendedOrganizations() {
        assertThat(policy.evaluate(org("US", OrgKind.INDIVIDUAL, OrgState.VERIFIED), "gpt-4o").code())
                .isEqualTo("individual_not_permitted");
        assertThat(policy.evaluate(org("US", OrgKind.ENTERPRISE, OrgState.PENDING), "gpt-4o").code())
                .isEqualTo("organization_not_verified");
        assertThat(policy.evaluate(org("US", OrgKind.ENTERPRISE, OrgState.REJECTED), "gpt-4o").code())
                .isEqualTo("organization_not_verified");
        assertThat(policy.evaluate(org("US", OrgKind.ENTERPRISE, OrgState.SUSPENDED), "gpt-4o").code())
                .isEqualTo("organization_suspended");
    }

    @Test
    void anUnservedMarketIsRefused() {
        assertThat(policy.evaluate(org("XX", OrgKind.ENTERPRISE, OrgState.VERIFIED), "gpt-4o").code())
                .isEqualTo("market_not_served");
    }

    @Test
    void globsMatchWholeNames() {
        assertThat(Glob.matches("gpt-*", "gpt-4o")).isTrue();
        assertThat(Glob.matches("gpt-*", "chatgpt-4o")).isFalse();
        assertThat(Glob.matches("*-mini", "gpt-4o-mini")).isTrue();
        assertThat(Glob.matches("claude-*-4-5", "claude-sonnet-4-5")).isTrue();
        assertThat(Glob.matches("exact", "exactly")).isFalse();
    }
}
