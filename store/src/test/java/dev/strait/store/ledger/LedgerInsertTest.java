package dev.strait.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.core.usage.UsageRecord;
import dev.strait.store.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch goes in as one statement of column arrays: every value must come back exactly as it went in. */
class LedgerInsertTest {

    @TempDir
    Path dir;

    /** Strings that an array literal must quote or escape, and values at the edges of their types. */
    private static UsageRecord awkward(String id) {
        return new UsageRecord(id, Instant.parse("2026-12-06T16:45:01.123456Z"), "org \"quoted\", {braced}",
                null, "key\\with\\backslashes", "CN", "模型 NULL", "dep,loy", "ap-southeast-1", 499, true,
                Long.MAX_VALUE, 0, 7, true, 1, new BigDecimal("1234567890.0123456789"), "EUR", "v'1");
    }

    private static UsageRecord plain(String id) {
        return new UsageRecord(id, Instant.parse("2026-12-06T00:00:00Z"), "org_a", "proj_a", "key_a", "US", "gpt-4o",
                "openai-us-east", "us-east", 200, false, 100, 20, 0, false, 1234, new BigDecimal("0.000450"), "USD",
                "2026-11-01");
    }

    @Test
    void everyColumnComesBackExactlyAndRepeatsAreSkipped() throws Exception {
        try (Database db = Database.embedded(dir.resolve("pg"))) {
            Ledger ledger = new Ledger(db.dataSource());

            int first = ledger.insert(List.of(awkward("req_1"), plain("req_2"), plain("req_2")));
            int second = ledger.insert(List.of(plain("req_2"), plain("req_3")));

            assertThat(first).as("a request id twice in one batch counts once").isEqualTo(2);
            assertThat(second).as("only req_3 is new").isEqualTo(1);
            assertThat(ledger.count()).isEqualTo(3);
            assertThat(read(db, "req_1")).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(awkward("req_1"));
            assertThat(read(db, "req_3")).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(plain("req_3"));
        }
    }

    @Test
    void anEmptyBatchInsertsNothing() throws Exception {
        try (Database db = Database.embedded(dir.resolve("pg"))) {
            Ledger ledger = new Ledger(db.dataSource());
            assertThat(ledger.insert(List.of())).isZero();
            assertThat(ledger.count()).isZero();
        }
    }

    private static UsageRecord read(Database db, String id) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "select request_id, at, org_id, project_id, key_id, market, model, deployment, region, status, stream,"
                        + " input_tokens, output_tokens, cached_input_tokens, estimated, latency_us, cost, currency,"
                        + " price_version from usage_ledger where request_id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new UsageRecord(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getInt(10), rs.getBoolean(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                        rs.getBoolean(15), rs.getLong(16), rs.getBigDecimal(17), rs.getString(18), rs.getString(19));
            }
        }
    }
}
