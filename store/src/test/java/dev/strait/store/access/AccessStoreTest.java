package dev.strait.store.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strait.core.access.AccessSnapshot;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgState;
import dev.strait.core.access.Organization;
import dev.strait.store.Database;
import dev.strait.store.audit.AuditLog;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessStoreTest {

    @TempDir
    static Path dir;
    static Database db;
    static AccessStore store;
    static AuditLog audit;

    @BeforeAll
    static void start() {
        db = Database.embedded(dir);
        audit = new AuditLog(db.dataSource(), Clock.systemUTC());
        store = new AccessStore(db.dataSource(), audit, Clock.systemUTC(), new SecureRandom(),
                new dev.strait.core.access.KeyHasher("store-test-pepper-16b".getBytes()));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aCreatedKeyIsFoundInTheSnapshotByItsSecretAndStoredOnlyAsAHash() throws Exception {
        Organization org = store.createOrganization("admin", "Acme GmbH", "HRB 1", "EU", OrgKind.ENTERPRISE,
                List.of("ops@acme.example"));
        AccessStore.CreatedKey created = store.createKey("admin", org.id(), null, "ci", Set.of("gpt-4o"), null);

        AccessSnapshot snapshot = store.snapshot();

        assertThat(snapshot.lookup(created.secret(), java.time.Instant.now()))
                .isInstanceOfSatisfying(AccessSnapshot.Lookup.Found.class, f -> {
                    assertThat(f.principal().org().legalName()).isEqualTo("Acme GmbH");
                    assertThat(f.principal().key().models()).containsExactly("gpt-4o");
                });
        assertThat(created.key().secretHash()).doesNotContain(created.secret().substring(21));
    }

    @Test
    void stateChangesFollowTheVerificationWorkflowAndBumpTheVersion() throws Exception {
        Organization org = store.createOrganization("admin", "Beta Ltd", "C-2", "US", OrgKind.ENTERPRISE, List.of());
        long before = store.version();

        assertThat(store.changeState("admin", org.id(), OrgState.VERIFIED, "documents checked").state())
                .isEqualTo(OrgState.VERIFIED);
        assertThat(store.version()).isGreaterThan(before);
        assertThatThrownBy(() -> store.changeState("admin", org.id(), OrgState.REJECTED, "late"))
                .isInstanceOf(AccessStore.Conflict.class);
    }

    @Test
    void revocationIsRecordedAndSeenInTheNextSnapshot() throws Exception {
        Organization org = store.createOrganization("admin", "Gamma", "G-3", "US", OrgKind.ENTERPRISE, List.of());
        AccessStore.CreatedKey created = store.createKey("admin", org.id(), null, "k", Set.of(), null);

        store.revokeKey("admin", created.key().id());

        assertThat(store.snapshot().lookup(created.secret(), java.time.Instant.now()))
                .isInstanceOfSatisfying(AccessSnapshot.Lookup.Refused.class,
                        r -> assertThat(r.code()).isEqualTo("api_key_revoked"));
        assertThat(audit.list(0, 1000)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("key.revoke");
            assertThat(e.subject()).isEqualTo(created.key().id());
        });
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aKeyCannotBeBoundToAnotherOrganizationsProject() throws Exception {
        Organization a = store.createOrganization("admin", "A", "A-1", "US", OrgKind.ENTERPRISE, List.of());
        Organization b = store.createOrganization("admin", "B", "B-1", "US", OrgKind.ENTERPRISE, List.of());
        var projectOfB = store.createProject("admin", b.id(), "prod");

        assertThatThrownBy(() -> store.createKey("admin", a.id(), projectOfB.id(), "k", Set.of(), null))
                .isInstanceOf(AccessStore.NotFound.class);
    }
}
