package dev.strait.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tail anchor: cutting the newest entries off the chain is detected, and the anchor cannot be forged. */
class AuditAnchorTest {

    @TempDir
    static Path dir;
    static Database db;
    static final byte[] KEY = "a-key-of-at-least-thirty-two-bytes-kept-off-the-db".getBytes(StandardCharsets.UTF_8);
    AuditAnchor anchor;
    AuditLog audit;

    @BeforeAll
    static void start() {
        db = Database.embedded(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void fiveAnchoredEntries() throws Exception {
        sql("delete from audit_log");
        Files.deleteIfExists(dir.resolve("audit-anchor"));
        anchor = new AuditAnchor(dir.resolve("audit-anchor"), KEY);
        audit = new AuditLog(db.dataSource(), Clock.systemUTC(), anchor);
        for (int i = 1; i <= 5; i++) {
            audit.append("admin", "org.create", "org_" + i, "n=" + i);
        }
    }

    @Test
    void everyOwnAppendMovesTheAnchorToTheTailAndAnIntactChainReachesIt() throws SQLException {
        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isEqualTo(5);
        assertThat(v.anchoredSeq()).isEqualTo(5);
        assertThat(anchor.read().mark()).get().extracting(AuditAnchor.Mark::seq).isEqualTo(5L);
    }

    @Test
    void cuttingEntriesFromTheEndIsDetected() throws SQLException {
        sql("delete from audit_log where seq >= 4");

        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(4);
        assertThat(v.problem()).contains("ends at entry 3").contains("recorded entry 5").contains("removed from its end");
    }

    @Test
    void aTruncatedChainThatGrowsAgainNeitherMovesTheAnchorNorPassesVerification() throws SQLException {
        sql("delete from audit_log where seq >= 4");
        // New entries take seq 4, 5, 6: the chain is longer than the anchor again, but entry 5 is another one.
        for (int i = 0; i < 3; i++) {
            audit.append("admin", "org.create", "replacement_" + i, "x");
        }
        audit.anchorTail();

        AuditLog.Verification v = audit.verify();

        assertThat(anchor.read().mark()).get().extracting(AuditAnchor.Mark::seq).isEqualTo(5L);
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(5);
        assertThat(v.problem()).contains("not the one the tail anchor recorded");
    }

    @Test
    void appendsInsideOtherTransactionsAreAnchoredByTheNextCall() throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            audit.append(c, "admin", "key.revoke", "key_1", "");
            c.commit();
        }
        assertThat(audit.verify().anchoredSeq()).isEqualTo(5);

        assertThat(audit.anchorTail()).get().extracting(AuditAnchor.Mark::seq).isEqualTo(6L);
        assertThat(audit.verify().anchoredSeq()).isEqualTo(6);
    }

    @Test
    void anAnchorRewrittenWithoutTheKeyIsReportedAsForged() throws Exception {
        String line = Files.readString(dir.resolve("audit-anchor")).trim();
        String[] parts = line.split(" ");
        Files.writeString(dir.resolve("audit-anchor"), "3 " + parts[1] + " " + parts[2] + "\n");
        sql("delete from audit_log where seq >= 4");

        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("does not carry a valid signature");
        assertThat(audit.anchorTail()).as("a forged anchor is never moved on").isEmpty();
    }

    @Test
    void anotherKeyCannotReadTheAnchorAsGenuine() {
        AuditAnchor other = new AuditAnchor(dir.resolve("audit-anchor"),
                "another-key-of-at-least-thirty-two-bytes-long!!".getBytes(StandardCharsets.UTF_8));

        assertThat(other.read().forged()).isTrue();
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
