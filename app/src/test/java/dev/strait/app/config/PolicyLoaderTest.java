package dev.strait.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strait.core.access.OrgKind;
import dev.strait.core.policy.Policy;
import dev.strait.core.policy.Storage;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

    final PolicyLoader loader = new PolicyLoader(Set.of("us-east", "eu-west", "singapore"));

    static final String POLICY = """
            customers:
              kinds: [enterprise]
            vendors:
              openai: [gpt-*]
              anthropic: [claude-*]
            markets:
              CN:
                vendors: [openai]
                deny_models: [gpt-4o-mini]
                serve_from: [singapore]
                storage: {content: metadata, retention_days: 30}
                monitoring: {tier: elevated}
            """;

    @Test
    void theBuiltInPolicyLoadsAndDescribesTheDemoWorld() {
        Policy policy = loader.loadDefault();

        assertThat(policy.markets()).containsKeys("CN", "US", "EU");
        assertThat(policy.markets().get("CN").vendors()).containsExactlyInAnyOrder("openai", "deepseek");
        assertThat(policy.markets().get("CN").serveFrom()).containsExactly("singapore");
        assertThat(policy.customerKinds()).containsExactly(OrgKind.ENTERPRISE);
        assertThat(policy.vendorOf("claude-sonnet-4-5")).isEqualTo("anthropic");
    }

    @Test
    void recordsWhereEachRuleStands() {
        Policy policy = loader.parse("p.yaml", POLICY);

        assertThat(policy.markets().get("CN").where("vendors")).isEqualTo("p.yaml:8 markets.CN.vendors");
        assertThat(policy.markets().get("CN").where("deny_models")).isEqualTo("p.yaml:9 markets.CN.deny_models");
        assertThat(policy.markets().get("CN").storage()).isEqualTo(new Storage(Storage.Level.METADATA, 30));
        assertThat(policy.where("customers.kinds")).isEqualTo("p.yaml:2 customers.kinds");
        assertThat(policy.sha256()).hasSize(64);
    }

    @Test
    void malformedPoliciesAreRejectedWithFileLineAndField() {
        assertThatThrownBy(() -> loader.parse("p.yaml", POLICY.replace("vendors: [openai]", "vendors: [openia]")))
                .hasMessageStartingWith("p.yaml:8: markets.CN.vendors: no vendor named 'openia'");
        assertThatThrownBy(() -> loader.parse("p.yaml", POLICY.replace("serve_from: [singapore]", "serve_from: [mars]")))
                .hasMessageStartingWith("p.yaml:10: markets.CN.serve_from: no deployment is in region 'mars'");
        assertThatThrownBy(() -> loader.parse("p.yaml", POLICY.replace("content: metadata", "content: everything")))
                .hasMessageStartingWith("p.yaml:11: markets.CN.storage.content: must be one of nothing, metadata, full");
        assertThatThrownBy(() -> loader.parse("p.yaml", POLICY.replace("tier: elevated", "tier: paranoid")))
                .hasMessageContaining("markets.CN.monitoring.tier");
        assertThatThrownBy(() -> loader.parse("p.yaml", POLICY.replace("kinds: [enterprise]", "kinds: [robot]")))
                .hasMessageStartingWith("p.yaml:2: customers.kinds[0]: unknown kind 'robot'");
        assertThatThrownBy(() -> loader.parse("p.yaml", POLICY + "extra: 1\n"))
                .hasMessageStartingWith("p.yaml:13: extra: unknown field");
        assertThatThrownBy(() -> loader.parse("p.yaml", POLICY.replace("    serve_from: [singapore]\n", "")))
                .hasMessageContaining("markets.CN: serve_from must name at least one region");
    }
}
