package dev.strait.store.audit;

import dev.strait.core.access.KeySecrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The append-only, hash-chained record of every admin action and policy change. Appends are
 * serialised by a transaction-scoped advisory lock, so two replicas never fork the chain.
 */
public final class AuditLog {

    /** The hash the first entry chains to. */
    public static final String GENESIS = "0".repeat(64);
    private static final long LOCK = 0x5354524149544155L;

    /** The result of checking the whole chain. */
    public record Verification(boolean intact, long entries, long firstBrokenSeq, String problem) {}

    private final DataSource dataSource;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Appends within the caller's transaction, so the action and its record commit together. */
    public AuditEntry append(Connection c, String actor, String action, String subject, String detail)
            throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            lock.execute();
        }
        long seq = 1;
        String prev = GENESIS;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select seq, hash from audit_log order by seq desc limit 1")) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                prev = rs.getString(2);
            }
        }
        // Microseconds: what PostgreSQL keeps, so a re-read entry hashes the same.
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String hash = hash(seq, at, actor, action, subject, detail, prev);
        try (PreparedStatement insert = c.prepareStatement(
                "insert into audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) values (?,?,?,?,?,?,?,?)")) {
            insert.setLong(1, seq);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setString(3, actor);
            insert.setString(4, action);
            insert.setString(5, subject);
            insert.setString(6, detail);
            insert.setString(7, prev);
            insert.setString(8, hash);
            insert.executeUpdate();
        }
        return new AuditEntry(seq, at, actor, action, subject, detail, prev, hash);
    }

    /** Appends in a transaction of its own. */
    public AuditEntry append(String actor, String action, String subject, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            AuditEntry entry = append(c, actor, action, subject, detail);
            c.commit();
            return entry;
        }
    }

    public List<AuditEntry> list(long afterSeq, int limit) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select seq, at, actor, action, subject, detail, prev_hash, hash from audit_log where seq > ? order by seq limit ?")) {
            s.setLong(1, afterSeq);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(read(rs));
                }
            }
        }
        return entries;
    }

    /** Walks the chain from the start: every link must follow its predecessor and hash true. */
    public Verification verify() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery(
                    "select seq, at, actor, action, subject, detail, prev_hash, hash from audit_log order by seq")) {
                long expectedSeq = 1;
                String prev = GENESIS;
                long count = 0;
                while (rs.next()) {
                    AuditEntry e = read(rs);
                    count++;
                    if (e.seq() != expectedSeq) {
                        return new Verification(false, count, expectedSeq, "entry " + expectedSeq + " is missing");
                    }
                    if (!e.prevHash().equals(prev)) {
                        return new Verification(false, count, e.seq(),
                                "entry " + e.seq() + " does not follow the entry before it");
                    }
                    if (!e.hash().equals(hash(e.seq(), e.at(), e.actor(), e.action(), e.subject(), e.detail(), e.prevHash()))) {
                        return new Verification(false, count, e.seq(), "entry " + e.seq() + " was altered");
                    }
                    prev = e.hash();
                    expectedSeq++;
                }
                return new Verification(true, count, 0, null);
            } finally {
                c.rollback();
            }
        }
    }

    static String hash(long seq, Instant at, String actor, String action, String subject, String detail, String prev) {
        // Length-prefixed fields: no two different entries can serialise to the same text.
        StringBuilder text = new StringBuilder(prev);
        for (String field : new String[] {Long.toString(seq), at.toString(), actor, action, subject, detail}) {
            text.append('|').append(field.length()).append(':').append(field);
        }
        return KeySecrets.sha256(text.toString());
    }

    private static AuditEntry read(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
    }
}
