package dev.strait.store.monitor;

import dev.strait.store.Sql;
import dev.strait.store.access.AccessStore;
import dev.strait.store.audit.AuditLog;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The review queue in PostgreSQL. An organization has at most one open case, which the engine
 * updates as its evidence changes; every opening, escalation and decision is in the audit log,
 * in the same transaction.
 */
public final class MonitorCases {

    private static final String COLUMNS = "id, org_id, opened_at, updated_at, risk, verdict, tier, evidence, action,"
            + " escalated_at, status, reviewer, note, decided_at";

    private final DataSource dataSource;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public MonitorCases(DataSource dataSource, AuditLog audit, Clock clock) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Opens a case for the organization, or brings its open case up to date. The audit log hears of
     * an opening and of a stronger automatic action, not of every refreshed score.
     */
    public MonitorCase report(String orgId, BigDecimal risk, String verdict, String tier, String evidence, String action)
            throws SQLException {
        return Sql.inTransaction(dataSource, c -> {
            Instant now = clock.instant();
            Optional<MonitorCase> existing = query(c, "where org_id = ? and status = 'open' for update", orgId)
                    .stream().findFirst();
            MonitorCase result;
            if (existing.isEmpty()) {
                String id = "case_" + HexFormat.of().formatHex(random.generateSeed(8));
                try (PreparedStatement s = c.prepareStatement("insert into monitor_cases (id, org_id, opened_at,"
                        + " updated_at, risk, verdict, tier, evidence, action, escalated_at)"
                        + " values (?,?,?,?,?,?,?,?,?,?)")) {
                    s.setString(1, id);
                    s.setString(2, orgId);
                    s.setTimestamp(3, Timestamp.from(now));
                    s.setTimestamp(4, Timestamp.from(now));
                    s.setBigDecimal(5, risk);
                    s.setString(6, verdict);
                    s.setString(7, tier);
                    s.setString(8, evidence);
                    s.setString(9, action);
                    s.setTimestamp(10, action.equals("none") ? null : Timestamp.from(now));
                    s.executeUpdate();
                }
                audit.append(c, "monitor", "monitor.case.opened", orgId, "case=" + id + "; verdict=" + verdict
                        + "; risk=" + risk + "; action=" + action + "; evidence=" + evidence);
                result = get(c, id);
            } else {
                MonitorCase open = existing.get();
                String kept = stronger(open.action(), action);
                try (PreparedStatement s = c.prepareStatement("update monitor_cases set updated_at = ?, risk = ?,"
                        + " verdict = ?, tier = ?, evidence = ?, action = ?, escalated_at = ? where id = ?")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setBigDecimal(2, risk);
                    s.setString(3, verdict);
                    s.setString(4, tier);
                    s.setString(5, evidence);
                    s.setString(6, kept);
                    s.setTimestamp(7, kept.equals(open.action())
                            ? (open.escalatedAt() == null ? null : Timestamp.from(open.escalatedAt()))
                            : Timestamp.from(now));
                    s.setString(8, open.id());
                    s.executeUpdate();
                }
                if (!kept.equals(open.action())) {
                    audit.append(c, "monitor", "monitor.case.escalated", orgId, "case=" + open.id() + "; verdict="
                            + verdict + "; risk=" + risk + "; action=" + kept + "; evidence=" + evidence);
                }
                result = get(c, open.id());
            }
            return result;
        });
    }

    /** A reviewer's decision on an open case: {@code approved} or {@code dismissed}, with the action it leaves. */
    public MonitorCase decide(String caseId, String reviewer, String status, String action, String note)
            throws SQLException {
        return Sql.inTransaction(dataSource, c -> {
            MonitorCase open = query(c, "where id = ? for update", caseId).stream().findFirst()
                    .orElseThrow(() -> new AccessStore.NotFound("case " + caseId + " does not exist"));
            if (!open.open()) {
                throw new AccessStore.Conflict("case " + caseId + " was already " + open.status() + " by " + open.reviewer());
            }
            try (PreparedStatement s = c.prepareStatement("update monitor_cases set status = ?, action = ?,"
                    + " reviewer = ?, note = ?, decided_at = ?, updated_at = ? where id = ?")) {
                Timestamp now = Timestamp.from(clock.instant());
                s.setString(1, status);
                s.setString(2, action);
                s.setString(3, reviewer);
                s.setString(4, note);
                s.setTimestamp(5, now);
                s.setTimestamp(6, now);
                s.setString(7, caseId);
                s.executeUpdate();
            }
            audit.append(c, reviewer, "monitor.case." + status, open.orgId(), "case=" + caseId + "; action="
                    + open.action() + " -> " + action + "; note=" + note);
            MonitorCase decided = get(c, caseId);
            return decided;
        });
    }

    public List<MonitorCase> list(String status, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return status == null
                    ? query(c, "order by updated_at desc limit " + limit, null)
                    : query(c, "where status = ? order by risk desc, updated_at desc limit " + limit, status);
        }
    }

    public Optional<MonitorCase> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return query(c, "where id = ?", id).stream().findFirst();
        }
    }

    /** The organization's open case, if it has one. */
    public Optional<MonitorCase> openCase(String orgId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return query(c, "where org_id = ? and status = 'open'", orgId).stream().findFirst();
        }
    }

    /** The organization's latest dismissed case, if any: a reviewer cleared it then. */
    public Optional<MonitorCase> lastDismissed(String orgId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return query(c, "where org_id = ? and status = 'dismissed' order by decided_at desc limit 1", orgId)
                    .stream().findFirst();
        }
    }

    private static String stronger(String a, String b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(String action) {
        return switch (action) {
            case "suspend" -> 2;
            case "throttle" -> 1;
            default -> 0;
        };
    }

    private MonitorCase get(Connection c, String id) throws SQLException {
        return query(c, "where id = ?", id).getFirst();
    }

    private static List<MonitorCase> query(Connection c, String where, String arg) throws SQLException {
        return Sql.select(c, "select " + COLUMNS + " from monitor_cases " + where, arg, rs -> new MonitorCase(
                rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                rs.getBigDecimal(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                instant(rs.getTimestamp(10)), rs.getString(11), rs.getString(12), rs.getString(13),
                instant(rs.getTimestamp(14))));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
