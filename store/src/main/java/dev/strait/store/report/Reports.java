package dev.strait.store.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Usage and revenue from the ledger: by market (territory), organization or model over a period,
 * with growth against the period before; top customers; and monthly statements whose lines add
 * up exactly to their total. Sums are exact decimals; a statement rounds each line to cents and
 * totals the rounded lines, so what is printed adds up.
 */
public final class Reports {

    /** One group of a usage report. {@code previousRevenue} is the same group over the preceding period. */
    public record Row(String group, String currency, long requests, long inputTokens, long outputTokens,
            BigDecimal revenue, BigDecimal previousRevenue) {

        /** Revenue growth against the previous period, as a ratio (0.5 is +50%); null when there was none. */
        public BigDecimal growth() {
            if (previousRevenue.signum() == 0) {
                return null;
            }
            return revenue.subtract(previousRevenue).divide(previousRevenue, 4, RoundingMode.HALF_EVEN);
        }
    }

    /** A statement line: one model in one month. */
    public record Line(String model, long requests, long inputTokens, long outputTokens, BigDecimal amount) {}

    public record Statement(String orgId, YearMonth month, String currency, List<Line> lines, BigDecimal total) {}

    private static final Set<String> GROUPS = Set.of("market", "org_id", "model");

    private final DataSource dataSource;

    public Reports(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param groupBy {@code market}, {@code org_id} or {@code model} */
    public List<Row> usage(String groupBy, Instant from, Instant to) throws SQLException {
        if (!GROUPS.contains(groupBy)) {
            throw new IllegalArgumentException("group by one of market, org_id, model");
        }
        Instant previousFrom = from.minus(java.time.Duration.between(from, to));
        Map<String, BigDecimal> previous = new HashMap<>();
        for (Row row : query(groupBy, previousFrom, from, Map.of())) {
            previous.put(row.group() + "|" + row.currency(), row.revenue());
        }
        return query(groupBy, from, to, previous);
    }

    public List<Row> topCustomers(Instant from, Instant to, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>(usage("org_id", from, to));
        rows.sort((a, b) -> b.revenue().compareTo(a.revenue()));
        return rows.subList(0, Math.min(limit, rows.size()));
    }

    public Statement statement(String orgId, YearMonth month) throws SQLException {
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Line> lines = new ArrayList<>();
        String currency = null;
        BigDecimal total = BigDecimal.ZERO;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select model, currency, count(*), sum(input_tokens), sum(output_tokens), sum(cost) from usage_ledger"
                        + " where org_id = ? and at >= ? and at < ? group by model, currency order by model")) {
            s.setString(1, orgId);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (currency != null && !currency.equals(rs.getString(2))) {
                        throw new IllegalStateException("organization " + orgId + " was charged in two currencies");
                    }
                    currency = rs.getString(2);
                    BigDecimal amount = rs.getBigDecimal(6).setScale(2, RoundingMode.HALF_EVEN);
                    lines.add(new Line(rs.getString(1), rs.getLong(3), rs.getLong(4), rs.getLong(5), amount));
                    total = total.add(amount);
                }
            }
        }
        return new Statement(orgId, month, currency, lines, total);
    }

    private List<Row> query(String groupBy, Instant from, Instant to, Map<String, BigDecimal> previous)
            throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select " + groupBy + ", currency, count(*), sum(input_tokens), sum(output_tokens), sum(cost)"
                        + " from usage_ledger where at >= ? and at < ? group by " + groupBy + ", currency"
                        + " order by sum(cost) desc, " + groupBy)) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String group = rs.getString(1);
                    String currency = rs.getString(2);
                    rows.add(new Row(group, currency, rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getBigDecimal(6).stripTrailingZeros(),
                            previous.getOrDefault(group + "|" + currency, BigDecimal.ZERO)));
                }
            }
        }
        return rows;
    }
}
