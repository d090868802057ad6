package dev.strait.bench.jmh;

import dev.strait.core.access.AccessSnapshot;
import dev.strait.core.access.ApiKey;
import dev.strait.core.access.KeySecrets;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgState;
import dev.strait.core.access.Organization;
import dev.strait.core.policy.Decision;
import dev.strait.core.policy.Market;
import dev.strait.core.policy.Policy;
import dev.strait.core.policy.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What authenticating and authorizing one request costs on the hot path: find the key among
 * 10,000 (1,000 organizations), check its secret, admit its organization, and evaluate the market
 * policy for the model. Issue 3's budget is 50 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessPolicyBenchmark {

    private static final String[] MARKETS = {"CN", "US", "EU"};
    private static final String[] MODELS = {"gpt-4o", "claude-sonnet-4-5", "deepseek-chat", "gpt-4o-mini"};

    private AccessSnapshot snapshot;
    private Policy policy;
    private String[] presented;
    private final Instant now = Instant.parse("2026-11-22T00:00:00Z");
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(3);
        List<Organization> orgs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            orgs.add(new Organization("org_" + i, "Org " + i, "R-" + i, MARKETS[i % 3], OrgKind.ENTERPRISE,
                    OrgState.VERIFIED, List.of(), now));
        }
        List<ApiKey> keys = new ArrayList<>();
        dev.strait.core.access.KeyHasher hasher = new dev.strait.core.access.KeyHasher("bench-pepper-16-bytes".getBytes());
        presented = new String[10_000];
        for (int i = 0; i < 10_000; i++) {
            KeySecrets.Generated g = KeySecrets.generate(random, hasher);
            presented[i] = g.text();
            keys.add(new ApiKey("key_" + i, g.prefix(), g.secretHash(), "org_" + (i % 1_000), null, "k",
                    i % 10 == 0 ? Set.of("gpt-4o") : Set.of(), null, null, now));
        }
        snapshot = new AccessSnapshot(1, orgs, List.of(), keys, List.of(), hasher);
        Map<String, List<String>> vendors = new LinkedHashMap<>();
        vendors.put("openai", List.of("gpt-*", "o1*", "o3*", "text-embedding-*"));
        vendors.put("anthropic", List.of("claude-*"));
        vendors.put("deepseek", List.of("deepseek-*"));
        Storage storage = new Storage(Storage.Level.METADATA, 30);
        policy = new Policy("bench", "0", Map.of(
                "CN", new Market("CN", "China", Set.of("openai", "deepseek"), Set.of(), Set.of(), List.of("singapore"), storage, "elevated", Map.of()),
                "US", new Market("US", "US", Set.of("openai", "anthropic", "deepseek"), Set.of(), Set.of(), List.of("us-east"), storage, "standard", Map.of()),
                "EU", new Market("EU", "EU", Set.of("openai", "anthropic", "deepseek"), Set.of(), Set.of(), List.of("eu-west"), storage, "standard", Map.of())),
                vendors, Set.of(OrgKind.ENTERPRISE), Map.of());
    }

    /** One request's authentication and authorization, as the Authenticate, Admit and Entitle stages do it. */
    @Benchmark
    public boolean keyLookupAndPolicy() {
        int i = next++ % presented.length;
        if (next >= presented.length) {
            next = 0;
        }
        AccessSnapshot.Lookup lookup = snapshot.lookup(presented[i], now);
        if (!(lookup instanceof AccessSnapshot.Lookup.Found found)) {
            return false;
        }
        Organization org = found.principal().org();
        if (!policy.admit(org).allowed()) {
            return false;
        }
        String model = MODELS[i & 3];
        Decision decision = policy.evaluate(org, model);
        return decision.allowed() && found.principal().key().allowsModel(model);
    }
}
