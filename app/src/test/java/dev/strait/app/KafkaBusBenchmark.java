package dev.strait.app;

import dev.strait.app.events.EventsSettings;
import dev.strait.app.events.KafkaBus;
import dev.strait.app.events.TrafficApplier;
import dev.strait.core.usage.UsageRecord;
import dev.strait.core.usage.UsageSink;
import dev.strait.gateway.observe.JsonLog;
import dev.strait.store.Database;
import dev.strait.store.ledger.Ledger;
import dev.strait.store.ledger.Spool;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rough figures for the Kafka event bus (bench/kafka-bus.sh; not part of the suite): how fast an
 * event loop hands usage records to the producer, how fast the broker acknowledges them, how fast
 * the ledger consumer writes them to PostgreSQL, and the lag from send to a consumer at a steady rate.
 */
/** A benchmark, not a test: surefire runs it only when named (bench/kafka-bus.sh does). */
class KafkaBusBenchmark {

    @TempDir
    Path dir;

    static UsageRecord record(String id, int org) {
        return new UsageRecord(id, Instant.now(), "org_" + org, null, "key_" + org, "US", "gpt-4o-mini",
                "emulator-us", "us-east", 200, false, 120, 40, 0, false, 900, new BigDecimal("0.0000420000"), "USD",
                "bench");
    }

    @Test
    void measure() throws Exception {
        int burst = Integer.getInteger("strait.bench.records", 200_000);
        PrintStream out = System.out;
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"));
                Database database = Database.embedded(dir.resolve("pg"));
                JsonLog log = new JsonLog(new PrintStream(Files.newOutputStream(dir.resolve("log"))), Clock.systemUTC(),
                        10_000)) {
            String compression = System.getProperty("strait.bench.compression", "none");
            EventsSettings.Kafka settings = new EventsSettings.Kafka(broker.bootstrapServers(), "bench.", "bench", 12, 1,
                    Map.of("compression.type", compression));
            out.println("compression.type=" + compression);
            Spool spool = new Spool(dir.resolve("spool"), 8 << 20);
            Ledger ledger = new Ledger(database.dataSource());
            try (KafkaBus bus = KafkaBus.start(settings, spool, log)) {
                UsageSink sink = bus.usageSink();
                // 1. A burst from one event loop, as fast as it can hand records over.
                long start = System.nanoTime();
                for (int i = 0; i < burst; i++) {
                    sink.record(record("burst_" + i, i % 500));
                }
                long handed = System.nanoTime() - start;
                while (bus.counters().usagePublished() + bus.counters().usageSpooled() < burst) {
                    Thread.sleep(5);
                }
                long acked = System.nanoTime() - start;
                out.printf("burst: %,d records handed over in %,d ms (%,.0f ns each on the event loop);"
                        + " acknowledged in %,d ms = %,.0f records/s; spooled (Kafka buffer full): %,d%n",
                        burst, handed / 1_000_000, (double) handed / burst, acked / 1_000_000,
                        bus.counters().usagePublished() * 1e9 / acked, bus.counters().usageSpooled());

                // 2. The ledger consumer drains the topic into PostgreSQL.
                long published = bus.counters().usagePublished();
                start = System.nanoTime();
                bus.consume(ledger, new TrafficApplier(null, null));
                while (ledger.count() < published) {
                    Thread.sleep(20);
                }
                long drained = System.nanoTime() - start;
                out.printf("ledger consumer: %,d rows in %,d ms = %,.0f rows/s (batches of up to 2,000, one consumer)%n",
                        published, drained / 1_000_000, published * 1e9 / drained);

                // 3. A steady rate: lag from the producer's timestamp to a consumer, and to the ledger.
                int rate = Integer.getInteger("strait.bench.rate", 5_000);
                int seconds = 10;
                long base = ledger.count();
                long[] lags = new long[rate * seconds];
                try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of("bootstrap.servers",
                        broker.bootstrapServers(), "key.deserializer", StringDeserializer.class.getName(),
                        "value.deserializer", ByteArrayDeserializer.class.getName()))) {
                    List<TopicPartition> partitions = reader.partitionsFor("bench.usage").stream()
                            .map(p -> new TopicPartition("bench.usage", p.partition())).toList();
                    reader.assign(partitions);
                    reader.seekToEnd(partitions);
                    partitions.forEach(reader::position);
                    long[] handing = new long[1];
                    Thread sender = Thread.ofPlatform().start(() -> {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < rate * seconds; i++) {
                            long due = t0 + i * 1_000_000_000L / rate;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                            UsageRecord next = record("steady_" + i, i % 500);
                            long before = System.nanoTime();
                            sink.record(next);
                            handing[0] += System.nanoTime() - before;
                        }
                    });
                    int seen = 0;
                    long deadline = System.nanoTime() + (seconds + 20) * 1_000_000_000L;
                    while (seen < lags.length && System.nanoTime() < deadline) {
                        for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(50))) {
                            lags[seen++] = System.currentTimeMillis() - r.timestamp();
                        }
                    }
                    sender.join();
                    long sentAt = System.nanoTime();
                    while (ledger.count() < base + lags.length && System.nanoTime() - sentAt < 30_000_000_000L) {
                        Thread.sleep(5);
                    }
                    long ledgerLag = (System.nanoTime() - sentAt) / 1_000_000;
                    long[] seenLags = Arrays.copyOf(lags, seen);
                    Arrays.sort(seenLags);
                    out.printf("steady %,d records/s for %d s: %,.0f ns each on the event loop (warm);"
                            + " send→consumer lag p50 %d ms, p99 %d ms, max %d ms;"
                            + " last record in the ledger %d ms after the last send; spooled: %,d%n", rate, seconds,
                            (double) handing[0] / lags.length, seenLags[seen / 2], seenLags[(int) (seen * 0.99)],
                            seenLags[seen - 1], ledgerLag, bus.counters().usageSpooled());
                }
            }
        }
    }
}
