package dev.strait.store.screening;

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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Screenings in PostgreSQL, each written with its audit entry in one transaction. */
public final class Screenings {

    private static final String COLUMNS = "id, org_id, screened_at, trigger, decision, top_score, result, status,"
            + " resolution, reviewer, reason, resolved_at";

    private final DataSource dataSource;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Screenings(DataSource dataSource, AuditLog audit, Clock clock) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records a screening. The audit entry carries the whole result (query, list versions, scores,
     * explanations), so the decision can be defended later without this table.
     */
    public Screening record(String orgId, String trigger, String decision, BigDecimal topScore, String resultJson)
            throws SQLException {
        String id = "scr_" + HexFormat.of().formatHex(random.generateSeed(8));
        String status = decision.equals("block") || decision.equals("review") ? "open" : "none";
        return Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement("insert into screenings (id, org_id, screened_at, trigger,"
                    + " decision, top_score, result, status) values (?,?,?,?,?,?,?,?)")) {
                s.setString(1, id);
                s.setString(2, orgId);
                s.setTimestamp(3, Timestamp.from(clock.instant()));
                s.setString(4, trigger);
                s.setString(5, decision);
                s.setBigDecimal(6, topScore);
                s.setString(7, resultJson);
                s.setString(8, status);
                s.executeUpdate();
            }
            audit.append(c, "screening", "screening.result", orgId, "screening=" + id + "; trigger=" + trigger
                    + "; decision=" + decision + "; result=" + resultJson);
            return query(c, "where id = ?", id).getFirst();
        });
    }

    /** A reviewer's resolution of an open screening: {@code cleared} (not this entity) or {@code confirmed}. */
    public Screening resolve(String id, String reviewer, String resolution, String reason) throws SQLException {
        return Sql.inTransaction(dataSource, c -> {
            Screening open = query(c, "where id = ? for update", id).stream().findFirst()
                    .orElseThrow(() -> new AccessStore.NotFound("screening " + id + " does not exist"));
            if (!open.status().equals("open")) {
                throw new AccessStore.Conflict("screening " + id + " has nothing to resolve (" + open.status() + ")");
            }
            try (PreparedStatement s = c.prepareStatement("update screenings set status = 'resolved', resolution = ?,"
                    + " reviewer = ?, reason = ?, resolved_at = ? where id = ?")) {
                s.setString(1, resolution);
                s.setString(2, reviewer);
                s.setString(3, reason);
                s.setTimestamp(4, Timestamp.from(clock.instant()));
                s.setString(5, id);
                s.executeUpdate();
            }
            audit.append(c, reviewer, "screening.resolved", open.orgId(), "screening=" + id + "; resolution="
                    + resolution + "; decision=" + open.decision() + "; reason=" + reason);
                return query(c, "where id = ?", id).getFirst();
        });
    }

    public List<Screening> of(String orgId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return query(c, "where org_id = ? order by screened_at desc", orgId);
        }
    }

    public Optional<Screening> latest(String orgId) throws SQLException {
        return of(orgId).stream().findFirst();
    }

    /** The screenings that keep the organization from being verified: open ones, and confirmed matches. */
    public List<Screening> blocking(String orgId) throws SQLException {
        return of(orgId).stream().filter(Screening::blocksVerification).toList();
    }

    private static List<Screening> query(Connection c, String where, String arg) throws SQLException {
        return Sql.select(c, "select " + COLUMNS + " from screenings " + where, arg, rs -> new Screening(
                rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5),
                rs.getBigDecimal(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant()));
    }
}
