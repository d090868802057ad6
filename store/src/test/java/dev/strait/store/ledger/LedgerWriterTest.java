package dev.strait.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.strait.core.usage.UsageRecord;
import dev.strait.store.Database;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerWriterTest {

    @TempDir
    Path dir;

    static UsageRecord record(int i) {
        return new UsageRecord("req_" + i, Instant.parse("2026-11-22T00:00:00Z").plusMillis(i), "org_a", null, "key_a",
                "US", "gpt-4o", "openai-us-east", "us-east", 200, false, 100, 20, 0, false, 1234,
                new BigDecimal("0.000450"), "USD", "2026-11-01");
    }

    static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void everyRecordLandsExactlyOnceEvenWhenReplayed() throws Exception {
        try (Database db = Database.embedded(dir.resolve("pg"))) {
            Spool spool = new Spool(dir.resolve("spool"), 1 << 16);
            Spool.Writer writer = spool.writer();
            for (int i = 0; i < 1_000; i++) {
                writer.append(UsageCodec.encode(record(i)));
            }
            Ledger ledger = new Ledger(db.dataSource());
            try (LedgerWriter ledgerWriter = new LedgerWriter(spool, ledger, Duration.ofHours(1), e -> { })) {
                ledgerWriter.drainOnce();
            }
            assertThat(ledger.count()).isEqualTo(1_000);

            // The same records again (a replay after a crash between insert and delete): nothing doubles.
            Spool again = new Spool(dir.resolve("spool2"), 1 << 16);
            for (int i = 0; i < 1_000; i++) {
                again.writer().append(UsageCodec.encode(record(i)));
            }
            try (LedgerWriter ledgerWriter = new LedgerWriter(again, ledger, Duration.ofHours(1), e -> { })) {
                ledgerWriter.drainOnce();
            }
            assertThat(ledger.count()).isEqualTo(1_000);
        }
    }

    @Test
    void whileTheDatabaseIsDownRecordsWaitInTheSpoolAndArriveWhenItReturns() throws Exception {
        int port = freePort();
        Path pg = dir.resolve("pg");
        Database first = Database.embedded(pg, port);
        String url = first.jdbcUrl();
        Spool spool = new Spool(dir.resolve("spool"), 1 << 16);
        Spool.Writer writer = spool.writer();
        CopyOnWriteArrayList<Exception> errors = new CopyOnWriteArrayList<>();
        try (HikariDataSource pool = pool(url);
                LedgerWriter ledgerWriter = new LedgerWriter(spool, new Ledger(pool), Duration.ofMillis(50), errors::add)) {
            for (int i = 0; i < 100; i++) {
                writer.append(UsageCodec.encode(record(i)));
            }
            awaitCount(pool, 100);

            first.close();
            for (int i = 100; i < 300; i++) {
                writer.append(UsageCodec.encode(record(i)));
            }
            Thread.sleep(500);
            assertThat(errors).isNotEmpty();
            assertThat(spool.pendingBytes()).isPositive();

            try (Database second = Database.embedded(pg, port)) {
                awaitCount(pool, 300);
                assertThat(new Ledger(second.dataSource()).count()).isEqualTo(300);
            }
        }
    }

    @Test
    void sparesAreMadeOffTheWritersThreadWhileTheDatabaseIsDown() throws Exception {
        List<String> makers = new CopyOnWriteArrayList<>();
        Spool spool = new Spool(dir.resolve("spool"), 4096, Spool.DEFAULT_MAX_HELD_BYTES, message -> { }, (file, size) -> {
            makers.add(Thread.currentThread().getName());
            return Segment.create(file, size);
        });
        Spool.Writer writer = spool.writer();
        try (HikariDataSource nowhere = pool("jdbc:postgresql://127.0.0.1:" + freePort() + "/postgres");
                LedgerWriter ledgerWriter = new LedgerWriter(spool, new Ledger(nowhere), Duration.ofMillis(20), e -> { })) {
            awaitSize(makers, 1);
            writer.append(UsageCodec.encode(record(0))); // takes the spare; its drain now fails, again and again

            awaitSize(makers, 2);
        }
        assertThat(makers).containsOnly("strait-ledger");
    }

    private static void awaitSize(List<String> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }

    private static void awaitCount(HikariDataSource pool, long expected) throws Exception {
        Ledger ledger = new Ledger(pool);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (ledger.count() == expected) {
                    return;
                }
            } catch (java.sql.SQLException e) {
                // The database is still coming back.
            }
            Thread.sleep(50);
        }
        assertThat(ledger.count()).isEqualTo(expected);
    }
}
