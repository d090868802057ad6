package dev.strait.bench;

import dev.strait.core.usage.UsageRecord;
import dev.strait.store.Database;
import dev.strait.store.ledger.Ledger;
import dev.strait.store.ledger.LedgerWriter;
import dev.strait.store.ledger.Spool;
import dev.strait.store.ledger.UsageCodec;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Ledger ingest on this machine: how fast records go from the spool into an embedded PostgreSQL,
 * and what appending one costs the request path. Run through bench/ledger.sh.
 */
public final class LedgerIngest {

    private LedgerIngest() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("strait-ledger-bench");
        try (Database db = Database.embedded(dir.resolve("pg"))) {
            Spool spool = new Spool(dir.resolve("spool"), 64 * 1024 * 1024);
            Spool.Writer writer = spool.writer();
            Instant at = Instant.parse("2026-11-22T00:00:00Z");
            // Warm the encoder and the mapping, then time the appends alone: the request path's share.
            for (int i = 0; i < 20_000; i++) {
                UsageCodec.encode(record("warm-" + i, at));
            }
            long appendStart = System.nanoTime();
            for (int i = 0; i < records; i++) {
                writer.append(UsageCodec.encode(record("req-" + i, at)));
            }
            long appendNanos = System.nanoTime() - appendStart;

            Ledger ledger = new Ledger(db.dataSource());
            long ingestStart = System.nanoTime();
            try (LedgerWriter ledgerWriter = new LedgerWriter(spool, ledger, Duration.ofHours(1), e -> { })) {
                ledgerWriter.drainOnce();
            }
            long ingestNanos = System.nanoTime() - ingestStart;
            if (ledger.count() != records) {
                throw new IllegalStateException("ledger has " + ledger.count() + " records, expected " + records);
            }
            System.out.printf("records %d%nappend (encode + spool) %.2f µs/record%ningest into PostgreSQL %.0f records/s%n",
                    records, appendNanos / 1_000.0 / records, records / (ingestNanos / 1e9));
        }
    }

    private static UsageRecord record(String id, Instant at) {
        return new UsageRecord(id, at, "org_bench", null, "key_bench", "US", "gpt-4o", "openai-us-east", "us-east",
                200, false, 812, 164, 0, false, 1_234, new BigDecimal("0.00367"), "USD", "2026-11-01");
    }
}
