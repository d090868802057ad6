package dev.strait.store.report;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The ledger as time series for the console's charts: per bucket of equal length, requests, those
 * that ended in an error status, latency percentiles, tokens and revenue by currency. Buckets with
 * no traffic are present with zeros, so a chart's time axis has no holes.
 */
public final class UsageSeries {

    /** One bucket, starting at {@code start}. Latencies are null when the bucket had no requests. */
    public record Bucket(Instant start, long requests, long errors, Double p50Millis, Double p95Millis,
            long inputTokens, long outputTokens, Map<String, BigDecimal> revenue) {}

    /** More buckets than this would be more points than a chart can show. */
    public static final int MAX_BUCKETS = 2_000;

    private final DataSource dataSource;

    public UsageSeries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param org one organization's traffic, or null for everyone's */
    public List<Bucket> series(Instant from, Instant to, Duration bucket, String org) throws SQLException {
        long seconds = bucket.toSeconds();
        if (seconds < 1 || !to.isAfter(from)) {
            throw new IllegalArgumentException("a series needs from < to and buckets of a second or more");
        }
        long count = (Duration.between(from, to).toSeconds() + seconds - 1) / seconds;
        if (count > MAX_BUCKETS) {
            throw new IllegalArgumentException("at most " + MAX_BUCKETS + " buckets; choose a longer bucket");
        }
        TreeMap<Long, Bucket> byIndex = new TreeMap<>();
        TreeMap<Long, Map<String, BigDecimal>> revenue = new TreeMap<>();
        String where = "at >= ? and at < ?" + (org == null ? "" : " and org_id = ?");
        String index = "floor(extract(epoch from (at - ?::timestamptz)) / ?::bigint)::bigint";
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select " + index + " as b, count(*),"
                    + " count(*) filter (where status >= 400),"
                    + " percentile_cont(0.5) within group (order by latency_us),"
                    + " percentile_cont(0.95) within group (order by latency_us),"
                    + " coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0)"
                    + " from usage_ledger where " + where + " group by b")) {
                bind(s, from, seconds, to, org);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long b = rs.getLong(1);
                        byIndex.put(b, new Bucket(from.plusSeconds(b * seconds), rs.getLong(2), rs.getLong(3),
                                rs.getDouble(4) / 1000.0, rs.getDouble(5) / 1000.0, rs.getLong(6), rs.getLong(7),
                                Map.of()));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select " + index + " as b, currency, sum(cost)"
                    + " from usage_ledger where " + where + " group by b, currency")) {
                bind(s, from, seconds, to, org);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        revenue.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
                                .put(rs.getString(2), rs.getBigDecimal(3).stripTrailingZeros());
                    }
                }
            }
        }
        List<Bucket> out = new ArrayList<>();
        for (long b = 0; b < count; b++) {
            Bucket found = byIndex.get(b);
            Map<String, BigDecimal> money = revenue.getOrDefault(b, Map.of());
            out.add(found == null
                    ? new Bucket(from.plusSeconds(b * seconds), 0, 0, null, null, 0, 0, money)
                    : new Bucket(found.start(), found.requests(), found.errors(), found.p50Millis(), found.p95Millis(),
                            found.inputTokens(), found.outputTokens(), money));
        }
        return out;
    }

    private static void bind(PreparedStatement s, Instant from, long seconds, Instant to, String org)
            throws SQLException {
        s.setTimestamp(1, Timestamp.from(from));
        s.setLong(2, seconds);
        s.setTimestamp(3, Timestamp.from(from));
        s.setTimestamp(4, Timestamp.from(to));
        if (org != null) {
            s.setString(5, org);
        }
    }
}
