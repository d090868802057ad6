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
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The append-only, hash-chained record of every admin action and policy change. Appends are
 * serialised by a transaction-scoped advisory lock, so two replicas never fork the chain.
 */
public final class AuditLog {

    /** The hash the first entry chains to. */
    public static final String GENESIS = "0".repeat(64);
    private static final long LOCK = 0x5354524149544155L;

    /**
     * The result of checking the whole chain.
     *
     * @param anchoredSeq the entry the tail anchor vouches for (0: no anchor, or none written yet)
     */
    public record Verification(boolean intact, long entries, long firstBrokenSeq, String problem, long anchoredSeq) {}

    private final DataSource dataSource;
    private final Clock clock;
    private final AuditAnchor anchor;

    public AuditLog(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    /** @param anchor where the chain's tail is remembered outside the database; null for nowhere */
    public AuditLog(DataSource dataSource, Clock clock, AuditAnchor anchor) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.anchor = anchor;
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
            anchorQuietly();
            return entry;
        }
    }

    /**
     * Moves the anchor to the chain's committed tail: forward only, and only while the entry it
     * vouched for is still there with the same hash. A truncated or rewritten chain therefore never
     * drags the anchor along; {@link #verify()} reports it instead. Appends made inside other
     * transactions are anchored by the next call (the node calls this every second).
     *
     * @return the anchored mark, or empty when there is no anchor or nothing to anchor
     */
    public Optional<AuditAnchor.Mark> anchorTail() throws SQLException {
        if (anchor == null) {
            return Optional.empty();
        }
        AuditAnchor.Reading reading = anchor.read();
        if (reading.forged()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            AuditAnchor.Mark tail = null;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select seq, hash from audit_log order by seq desc limit 1")) {
                if (rs.next()) {
                    tail = new AuditAnchor.Mark(rs.getLong(1), rs.getString(2));
                }
            }
            if (tail == null) {
                return reading.mark();
            }
            AuditAnchor.Mark known = reading.mark().orElse(null);
            if (known != null && (tail.seq() <= known.seq() || !known.hash().equals(hashAt(c, known.seq())))) {
                return reading.mark();
            }
            anchor.write(tail);
            return Optional.of(tail);
        }
    }

    /** For callers that cannot act on a failure: the next call, or the periodic one, catches up. */
    public void anchorQuietly() {
        try {
            anchorTail();
        } catch (SQLException | RuntimeException e) {
            // The entry is committed; only its anchoring waits for the next attempt.
        }
    }

    private static String hashAt(Connection c, long seq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select hash from audit_log where seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
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

    /**
     * Walks the chain from the start: every link must follow its predecessor and hash true, and the
     * chain must still reach, unchanged, the entry its tail anchor vouches for.
     */
    public Verification verify() throws SQLException {
        // Read before the walk: the chain only grows meanwhile, so a later append cannot look like a loss.
        AuditAnchor.Reading reading = anchor == null ? AuditAnchor.Reading.NONE : anchor.read();
        AuditAnchor.Mark mark = reading.mark().orElse(null);
        long anchored = mark == null ? 0 : mark.seq();
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
                        return new Verification(false, count, expectedSeq, "entry " + expectedSeq + " is missing", anchored);
                    }
                    if (!e.prevHash().equals(prev)) {
                        return new Verification(false, count, e.seq(),
                                "entry " + e.seq() + " does not follow the entry before it", anchored);
                    }
                    if (!e.hash().equals(hash(e.seq(), e.at(), e.actor(), e.action(), e.subject(), e.detail(), e.prevHash()))) {
                        return new Verification(false, count, e.seq(), "entry " + e.seq() + " was altered", anchored);
                    }
                    if (mark != null && e.seq() == mark.seq() && !e.hash().equals(mark.hash())) {
                        return new Verification(false, count, e.seq(), "entry " + e.seq()
                                + " is not the one the tail anchor recorded: the chain was rewritten from there", anchored);
                    }
                    prev = e.hash();
                    expectedSeq++;
                }
                if (reading.forged()) {
                    return new Verification(false, count, 0, "the tail anchor " + anchor.file()
                            + " does not carry a valid signature: it was altered or replaced", 0);
                }
                if (mark != null && mark.seq() > count) {
                    return new Verification(false, count, count + 1, "the chain ends at entry " + count
                            + " but its tail anchor recorded entry " + mark.seq() + ": entries were removed from its end",
                            anchored);
                }
                return new Verification(true, count, 0, null, anchored);
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
