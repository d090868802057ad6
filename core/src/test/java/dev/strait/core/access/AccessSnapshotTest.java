package dev.strait.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessSnapshotTest {

    static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    final Random random = new Random(1);
    final Organization org = new Organization("org_a", "Acme", "R-1", "US", OrgKind.ENTERPRISE, OrgState.VERIFIED,
            List.of(), NOW);

    ApiKey key(KeySecrets.Generated g, Instant expires, Instant revoked) {
        return new ApiKey("key_" + g.prefix(), g.prefix(), g.secretSha256(), "org_a", null, "k", Set.of(), expires,
                revoked, NOW);
    }

    @Test
    void findsAValidKeyAndItsOrganization() {
        KeySecrets.Generated g = KeySecrets.generate(random);
        AccessSnapshot snapshot = new AccessSnapshot(1, List.of(org), List.of(), List.of(key(g, null, null)));

        assertThat(snapshot.lookup(g.text(), NOW)).isInstanceOfSatisfying(AccessSnapshot.Lookup.Found.class,
                f -> assertThat(f.principal().org().id()).isEqualTo("org_a"));
    }

    @Test
    void refusesAWrongSecretWithTheRightPrefix() {
        KeySecrets.Generated g = KeySecrets.generate(random);
        AccessSnapshot snapshot = new AccessSnapshot(1, List.of(org), List.of(), List.of(key(g, null, null)));
        String forged = g.text().substring(0, g.text().length() - 1) + (g.text().endsWith("A") ? "B" : "A");

        assertThat(snapshot.lookup(forged, NOW)).isEqualTo(
                new AccessSnapshot.Lookup.Refused("invalid_api_key", "Incorrect API key provided."));
        assertThat(snapshot.lookup("sk-something-else", NOW)).isInstanceOf(AccessSnapshot.Lookup.Refused.class);
    }

    @Test
    void refusesRevokedAndExpiredKeys() {
        KeySecrets.Generated revoked = KeySecrets.generate(random);
        KeySecrets.Generated expired = KeySecrets.generate(random);
        AccessSnapshot snapshot = new AccessSnapshot(1, List.of(org), List.of(), List.of(
                key(revoked, null, NOW.minusSeconds(1)), key(expired, NOW, null)));

        assertThat(((AccessSnapshot.Lookup.Refused) snapshot.lookup(revoked.text(), NOW)).code()).isEqualTo("api_key_revoked");
        assertThat(((AccessSnapshot.Lookup.Refused) snapshot.lookup(expired.text(), NOW)).code()).isEqualTo("api_key_expired");
    }
}
