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

    static final KeyHasher HASHER = new KeyHasher("a-pepper-of-16-bytes-or-more".getBytes());

    ApiKey key(KeySecrets.Generated g, Instant expires, Instant revoked) {
        return new ApiKey("key_" + g.prefix(), g.prefix(), g.secretHash(), "org_a", null, "k", Set.of(), expires,
                revoked, NOW);
    }

    @Test
    void findsAValidKeyAndItsOrganization() {
        KeySecrets.Generated g = KeySecrets.generate(random, HASHER);
        AccessSnapshot snapshot = new AccessSnapshot(1, List.of(org), List.of(), List.of(key(g, null, null)), List.of(), HASHER);

        assertThat(snapshot.lookup(g.text(), NOW)).isInstanceOfSatisfying(AccessSnapshot.Lookup.Found.class,
                f -> assertThat(f.principal().org().id()).isEqualTo("org_a"));
    }

    @Test
    void refusesAWrongSecretWithTheRightPrefix() {
        KeySecrets.Generated g = KeySecrets.generate(random, HASHER);
        AccessSnapshot snapshot = new AccessSnapshot(1, List.of(org), List.of(), List.of(key(g, null, null)), List.of(), HASHER);
        String forged = g.text().substring(0, g.text().length() - 1) + (g.text().endsWith("A") ? "B" : "A");

        assertThat(snapshot.lookup(forged, NOW)).isEqualTo(
                new AccessSnapshot.Lookup.Refused("invalid_api_key", "Incorrect API key provided."));
        assertThat(snapshot.lookup("sk-something-else", NOW)).isInstanceOf(AccessSnapshot.Lookup.Refused.class);
    }

    @Test
    void refusesRevokedAndExpiredKeys() {
        KeySecrets.Generated revoked = KeySecrets.generate(random, HASHER);
        KeySecrets.Generated expired = KeySecrets.generate(random, HASHER);
        AccessSnapshot snapshot = new AccessSnapshot(1, List.of(org), List.of(), List.of(
                key(revoked, null, NOW.minusSeconds(1)), key(expired, NOW, null)), List.of(), HASHER);

        assertThat(((AccessSnapshot.Lookup.Refused) snapshot.lookup(revoked.text(), NOW)).code()).isEqualTo("api_key_revoked");
        assertThat(((AccessSnapshot.Lookup.Refused) snapshot.lookup(expired.text(), NOW)).code()).isEqualTo("api_key_expired");
    }

    @Test
    void aSecretIsStoredOnlyAsAPepperedHashThatAnotherPepperCannotCheck() {
        KeySecrets.Generated g = KeySecrets.generate(random, HASHER);
        KeyHasher otherPepper = new KeyHasher("another-pepper-of-16-bytes".getBytes());

        assertThat(g.secretHash()).startsWith("h1:").doesNotContain(KeySecrets.parse(g.text()).secret());
        assertThat(HASHER.matches(KeySecrets.parse(g.text()).secret(), g.secretHash())).isTrue();
        assertThat(otherPepper.matches(KeySecrets.parse(g.text()).secret(), g.secretHash())).isFalse();
    }

    @Test
    void keysMadeBeforePepperingStillWork() {
        KeySecrets.Generated g = KeySecrets.generate(random, HASHER);
        String secret = KeySecrets.parse(g.text()).secret();
        ApiKey legacy = new ApiKey("key_old", g.prefix(), KeySecrets.sha256(secret), "org_a", null, "k", Set.of(), null,
                null, NOW);

        assertThat(new AccessSnapshot(1, List.of(org), List.of(), List.of(legacy), List.of(), HASHER)
                .lookup(g.text(), NOW)).isInstanceOf(AccessSnapshot.Lookup.Found.class);
    }

}
