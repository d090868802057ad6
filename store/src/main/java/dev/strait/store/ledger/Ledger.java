package dev.strait.store.ledger;

import dev.strait.core.usage.UsageRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;

/** The usage ledger in PostgreSQL: one row per request id, however often a record is replayed. */
public final class Ledger {

    private final DataSource dataSource;

    public Ledger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts a batch in one transaction; records already there are skipped. Returns how many were new. */
    public int insert(List<UsageRecord> records) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into usage_ledger (request_id, at, org_id, project_id, key_id, market, model, deployment,"
                        + " region, status, stream, input_tokens, output_tokens, cached_input_tokens, estimated,"
                        + " latency_us, cost, currency, price_version) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                        + " on conflict (request_id) do nothing")) {
            c.setAutoCommit(false);
            for (UsageRecord r : records) {
                s.setString(1, r.requestId());
                s.setTimestamp(2, Timestamp.from(r.at()));
                s.setString(3, r.orgId());
                s.setString(4, r.projectId());
                s.setString(5, r.keyId());
                s.setString(6, r.market());
                s.setString(7, r.model());
                s.setString(8, r.deployment());
                s.setString(9, r.region());
                s.setInt(10, r.status());
                s.setBoolean(11, r.stream());
                s.setLong(12, r.inputTokens());
                s.setLong(13, r.outputTokens());
                s.setLong(14, r.cachedInputTokens());
                s.setBoolean(15, r.estimated());
                s.setLong(16, r.latencyMicros());
                s.setBigDecimal(17, r.cost());
                s.setString(18, r.currency());
                s.setString(19, r.priceVersion());
                s.addBatch();
            }
            int inserted = 0;
            for (int n : s.executeBatch()) {
                inserted += Math.max(0, n);
            }
            c.commit();
            return inserted;
        }
    }

    /** The request ids an organization's records carry, newest first. */
    public List<String> requestIdsOf(String orgId, int limit) throws SQLException {
        List<String> ids = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select request_id from usage_ledger where org_id = ? order by at desc limit ?")) {
            s.setString(1, orgId);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /**
     * What each organization, project and key has been charged since {@code since} (the start of the
     * budget period), on all models and on each: keyed like a limit rule's counters ({@code org:acme:*},
     * {@code key:k_1:gpt-4o}), so budgets can be seeded with it.
     */
    public java.util.Map<String, java.math.BigDecimal> spentSince(java.time.Instant since) throws SQLException {
        java.util.Map<String, java.math.BigDecimal> spent = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select org_id, project_id, key_id, model, sum(cost) from usage_ledger where at >= ?"
                        + " group by org_id, project_id, key_id, model")) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    java.math.BigDecimal cost = rs.getBigDecimal(5);
                    String model = rs.getString(4);
                    for (String subject : new String[] {"org:" + rs.getString(1),
                            rs.getString(2) == null ? null : "project:" + rs.getString(2), "key:" + rs.getString(3)}) {
                        if (subject != null) {
                            spent.merge(subject + ":*", cost, java.math.BigDecimal::add);
                            spent.merge(subject + ":" + model, cost, java.math.BigDecimal::add);
                        }
                    }
                }
            }
        }
        return spent;
    }

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from usage_ledger"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
