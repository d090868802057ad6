package dev.strait.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.store.Database;
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

class AuditLogTest {

    @TempDir
    static Path dir;
    static Database db;
    static AuditLog audit;

    @BeforeAll
    static void start() {
        db = Database.embedded(dir);
        audit = new AuditLog(db.dataSource(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void fiveEntries() throws SQLException {
        sql("delete from audit_log");
        for (int i = 1; i <= 5; i++) {
            audit.append("admin", "org.create", "org_" + i, "n=" + i);
        }
    }

    @Test
    void anUntouchedChainVerifies() throws SQLException {
        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isEqualTo(5);
        assertThat(audit.list(0, 10)).extracting(AuditEntry::subject)
                .containsExactly("org_1", "org_2", "org_3", "org_4", "org_5");
    }

    @Test
    void detectsAnEditedEntry() throws SQLException {
        sql("update audit_log set detail = 'n=99' where seq = 3");

        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(3);
        assertThat(v.problem()).contains("altered");
    }

    @Test
    void detectsAnEditThatRecomputedItsOwnHash() throws SQLException {
        var e = audit.list(2, 1).getFirst();
        String forged = AuditLog.hash(e.seq(), e.at(), e.actor(), e.action(), e.subject(), "n=99", e.prevHash());
        sql("update audit_log set detail = 'n=99', hash = '" + forged + "' where seq = 3");

        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(4);
    }

    @Test
    void detectsARemovedEntry() throws SQLException {
        sql("delete from audit_log where seq = 2");

        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("entry 2 is missing");
    }

    @Test
    void detectsReorderedEntries() throws SQLException {
        sql("update audit_log set seq = -1 where seq = 2");
        sql("update audit_log set seq = 2 where seq = 3");
        sql("update audit_log set seq = 3 where seq = -1");

        assertThat(audit.verify().intact()).isFalse();
    }

    @Test
    void detectsARemovedTail() throws SQLException {
        // Removing the newest entries leaves a valid shorter chain; the entry count tells.
        sql("delete from audit_log where seq = 5");

        assertThat(audit.verify().entries()).isEqualTo(4);
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
