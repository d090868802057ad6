package dev.strait.store.ledger;

import dev.strait.core.usage.UsageRecord;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The usage ledger in PostgreSQL: one row per request id, however often a record is replayed. */
public final class Ledger {

    /** The ledger's columns in insert order, each with the array type its values travel in. */
    private static final String[] COLUMN_NAMES = {"request_id", "at", "org_id", "project_id", "key_id", "market", "model",
        "deployment", "region", "status", "stream", "input_tokens", "output_tokens", "cached_input_tokens", "estimated",
        "latency_us", "cost", "currency", "price_version"};
    private static final String[] COLUMN_TYPES = {"text", "timestamptz", "text", "text", "text", "text", "text", "text",
        "text", "int4", "bool", "int8", "int8", "int8", "bool", "int8", "numeric", "text", "text"};
    private static final String INSERT = "insert into usage_ledger (" + String.join(", ", COLUMN_NAMES) + ")"
            + " select * from unnest(" + Arrays.stream(COLUMN_TYPES).map(t -> "?::" + t + "[]").collect(Collectors.joining(", "))
            + ") on conflict (request_id) do nothing";

    private final DataSource dataSource;

    public Ledger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts a batch in one statement (one array per column, unnested), in one transaction; records
     * already there, or twice in the batch, are skipped. Returns how many were new. One statement
     * instead of one per row roughly doubles what PostgreSQL ingests per core (BENCHMARKS.md).
     */
    public int insert(List<UsageRecord> records) throws SQLException {
        int n = records.size();
        String[] ids = new String[n], orgs = new String[n], projects = new String[n], keys = new String[n];
        String[] markets = new String[n], models = new String[n], deployments = new String[n], regions = new String[n];
        String[] currencies = new String[n], priceVersions = new String[n];
        Timestamp[] at = new Timestamp[n];
        Integer[] status = new Integer[n];
        Boolean[] stream = new Boolean[n], estimated = new Boolean[n];
        Long[] input = new Long[n], output = new Long[n], cached = new Long[n], latency = new Long[n];
        BigDecimal[] cost = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            UsageRecord r = records.get(i);
            ids[i] = r.requestId();
            at[i] = Timestamp.from(r.at());
            orgs[i] = r.orgId();
            projects[i] = r.projectId();
            keys[i] = r.keyId();
            markets[i] = r.market();
            models[i] = r.model();
            deployments[i] = r.deployment();
            regions[i] = r.region();
            status[i] = r.status();
            stream[i] = r.stream();
            input[i] = r.inputTokens();
            output[i] = r.outputTokens();
            cached[i] = r.cachedInputTokens();
            estimated[i] = r.estimated();
            latency[i] = r.latencyMicros();
            cost[i] = r.cost();
            currencies[i] = r.currency();
            priceVersions[i] = r.priceVersion();
        }
        Object[][] columns = {ids, at, orgs, projects, keys, markets, models, deployments, regions, status, stream,
                input, output, cached, estimated, latency, cost, currencies, priceVersions};
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            for (int col = 0; col < columns.length; col++) {
                s.setArray(col + 1, c.createArrayOf(COLUMN_TYPES[col], columns[col]));
            }
            int inserted = s.executeUpdate();
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
