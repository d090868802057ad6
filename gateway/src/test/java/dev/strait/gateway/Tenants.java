package dev.strait.gateway;

import dev.strait.core.access.AccessSnapshot;
import dev.strait.core.access.ApiKey;
import dev.strait.core.access.KeySecrets;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgState;
import dev.strait.core.access.Organization;
import dev.strait.core.policy.Market;
import dev.strait.core.policy.Policy;
import dev.strait.core.policy.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Organizations, keys and policies for gateway tests, built in memory as the control plane would. */
public final class Tenants {

    private static final Random RANDOM = new Random(42);
    public static final dev.strait.core.access.KeyHasher HASHER =
            new dev.strait.core.access.KeyHasher("gateway-test-pepper".getBytes());
    private static final KeySecrets.Generated US = KeySecrets.generate(RANDOM, HASHER);
    public static final String US_KEY = US.text();
    public static final List<String> ALL_REGIONS = List.of("us-east", "eu-west", "singapore");

    private Tenants() {}

    /** One verified enterprise in market US, whose key is {@link #US_KEY}. */
    public static AccessSnapshot snapshot() {
        return with(List.of(), List.of());
    }

    /** The US tenant plus more. */
    public static AccessSnapshot with(List<Organization> orgs, List<ApiKey> keys) {
        return with(orgs, keys, List.of());
    }

    /** The US tenant plus more, held to {@code limits}. */
    public static AccessSnapshot with(List<Organization> orgs, List<ApiKey> keys,
            List<dev.strait.core.access.LimitRule> limits) {
        List<Organization> allOrgs = new ArrayList<>(orgs);
        allOrgs.add(org("org_us", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED));
        List<ApiKey> allKeys = new ArrayList<>(keys);
        allKeys.add(key(US, "org_us", Set.of()));
        return new AccessSnapshot(1, allOrgs, List.of(), allKeys, limits, HASHER);
    }

    public static Organization org(String id, String market, OrgKind kind, OrgState state) {
        return new Organization(id, "Org " + id, "REG-" + id, market, kind, state, List.of(), Instant.EPOCH);
    }

    public static ApiKey key(KeySecrets.Generated generated, String orgId, Set<String> models) {
        return new ApiKey("key_" + generated.prefix(), generated.prefix(), generated.secretHash(), orgId, null, "test",
                models, null, null, Instant.EPOCH);
    }

    public static KeySecrets.Generated newKey() {
        return KeySecrets.generate(RANDOM, HASHER);
    }

    /** Every model belongs to vendor "any", licensed in market US and served from every region. */
    public static Policy permissivePolicy() {
        return policy(Map.of("US", market("US", Set.of("any"), ALL_REGIONS)), Map.of("any", List.of("*")));
    }

    public static Market market(String code, Set<String> vendors, List<String> regions) {
        return new Market(code, code, vendors, Set.of(), Set.of(), regions, new Storage(Storage.Level.METADATA, 30),
                "standard", Map.of());
    }

    public static Policy policy(Map<String, Market> markets, Map<String, List<String>> vendors) {
        return new Policy("test-policy", "0", markets, vendors, Set.of(OrgKind.ENTERPRISE), Map.of());
    }
}
