package dev.strait.monitor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strait.monitor.TestTraffic;
import dev.strait.monitor.risk.Evidence;
import dev.strait.monitor.risk.Ladder;
import dev.strait.monitor.risk.Level;
import dev.strait.monitor.risk.Verdict;
import dev.strait.monitor.trace.ModelCatalog;
import dev.strait.monitor.trace.TraceReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MonitorEngineTest {

    static Map<String, Verdict> verdicts;

    @BeforeAll
    static void replayTheTestTraffic() throws IOException {
        String trace = new TestTraffic(42, 10)
                .helpDesk("org-helpdesk", "198.51.100.7", 60)
                .nightlyReports("org-reports", "198.51.100.90", 150)
                .platformTenant("org-tenant-1", "203.0.113.200", "You write for a dental practice.", 15)
                .platformTenant("org-tenant-2", "203.0.113.201", "You write for a bakery chain.", 15)
                .platformTenant("org-tenant-3", "203.0.113.202", "You write for a law firm.", 15)
                .reasoningHarvester("org-thinker", 150)
                .grader("org-grader", 120)
                .hydra("org-swarm", 5, 12)
                .jsonl();
        MonitorEngine engine = new MonitorEngine(MonitorConfig.defaults(), ModelCatalog.EMPTY);
        new TraceReader().read(new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), engine::observe,
                bad -> { throw new AssertionError(bad.toString()); });
        verdicts = engine.verdicts().stream().collect(Collectors.toMap(Verdict::org, Function.identity()));
    }

    @Test
    void leavesLegitimateHeavyAndTemplatedTenantsAlone() {
        for (String org : new String[] {"org-helpdesk", "org-reports"}) {
            assertThat(verdicts.get(org).level()).as(org).isIn(Level.OK, Level.WATCH);
        }
    }

    @Test
    void doesNotClusterPlatformTenantsThatShareOnlyAddressesAndClient() {
        for (int i = 1; i <= 3; i++) {
            Verdict v = verdicts.get("org-tenant-" + i);
            assertThat(v.cluster()).isEmpty();
            assertThat(v.level()).isIn(Level.OK, Level.WATCH);
        }
    }

    @Test
    void actsOnAReasoningHarvesterAndSaysWhy() {
        Verdict v = verdicts.get("org-thinker");
        assertThat(v.level()).isGreaterThanOrEqualTo(Level.THROTTLE);
        assertThat(v.evidence()).isNotEmpty();
        assertThat(v.evidence().get(0).signal()).isEqualTo("sustained_reasoning_elicitation");
        assertThat(v.evidence()).extracting(Evidence::weight).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(v.evidence().get(0).detail()).contains("active days");
    }

    @Test
    void actsOnAGraderCollectingPreferenceData() {
        Verdict v = verdicts.get("org-grader");
        assertThat(v.level()).isGreaterThanOrEqualTo(Level.REVIEW);
        assertThat(v.evidence()).extracting(Evidence::signal).contains("rubric_grading_share");
    }

    @Test
    void catchesAHydraOfLightAccountsAsOneCluster() {
        String cluster = verdicts.get("org-swarm-0").cluster();
        assertThat(cluster).isNotEmpty();
        for (int m = 0; m < 5; m++) {
            Verdict v = verdicts.get("org-swarm-" + m);
            assertThat(v.cluster()).isEqualTo(cluster);
            assertThat(v.level()).isGreaterThanOrEqualTo(Level.REVIEW);
            assertThat(v.evidence()).extracting(Evidence::signal).contains("coordinated_cluster");
        }
    }

    @Test
    void ranksEveryHarvesterAboveEveryLegitimateTenant() {
        double worstHarvester = verdicts.values().stream()
                .filter(v -> v.org().startsWith("org-thinker") || v.org().startsWith("org-grader")
                        || v.org().startsWith("org-swarm"))
                .mapToDouble(Verdict::risk).min().orElseThrow();
        double riskiestTenant = verdicts.values().stream()
                .filter(v -> v.org().startsWith("org-helpdesk") || v.org().startsWith("org-reports")
                        || v.org().startsWith("org-tenant"))
                .mapToDouble(Verdict::risk).max().orElseThrow();
        assertThat(worstHarvester).isGreaterThan(riskiestTenant);
        assertThat(verdicts.values()).allSatisfy(v -> assertThat(v.risk()).isBetween(0.0, 1.0));
    }

    @Test
    void aStricterTierTakesTheSameRiskFurtherUpTheLadder() {
        assertThat(Ladder.STRICT.level(0.65)).isGreaterThan(Ladder.STANDARD.level(0.65));
        assertThat(Ladder.STANDARD.level(0.0)).isEqualTo(Level.OK);
        assertThat(Ladder.STANDARD.level(1.0)).isEqualTo(Level.SUSPEND);
        assertThatThrownBy(() -> new Ladder("odd", 0.5, 0.4, 0.6, 0.9)).hasMessageContaining("must rise");
        assertThatThrownBy(() -> MonitorConfig.defaults().withTier("lenient")).hasMessageContaining("lenient");
    }
}
