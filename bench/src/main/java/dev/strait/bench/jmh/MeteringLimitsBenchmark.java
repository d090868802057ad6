package dev.strait.bench.jmh;

import dev.strait.core.usage.Price;
import dev.strait.core.usage.UsageRecord;
import dev.strait.gateway.limit.LocalCounters;
import dev.strait.store.ledger.Spool;
import dev.strait.store.ledger.UsageCodec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What limits and metering cost one request on the hot path, with this node's in-memory counters:
 * the requests- and tokens-per-minute checks, the budget reservation, their settlement to the actual
 * tokens and exact price, and the usage record encoded and appended to the memory-mapped spool.
 * Issue 4's budget is 20 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-XX:+UseParallelGC")
public class MeteringLimitsBenchmark {

    private final LocalCounters counters = new LocalCounters();
    private final Price price = new Price(new BigDecimal("2.50"), new BigDecimal("1.25"), new BigDecimal("10.00"), "USD");
    private final BigDecimal budget = new BigDecimal("1000000000");
    private Spool.Writer spool;
    private long n;

    @Setup
    public void setUp() throws IOException {
        // Segments roll and are never drained here: the files go with the temporary directory.
        spool = new Spool(Files.createTempDirectory("strait-jmh-spool"), 64 * 1024 * 1024).writer();
    }

    @Benchmark
    public boolean limitsAndMetering() {
        long i = n++;
        String org = "org:org_" + (i & 1023) + ":*";
        long minute = System.currentTimeMillis() / 60_000;
        if (counters.take(org + ":r", minute, 1, Long.MAX_VALUE).result() < 0
                || counters.take(org + ":t", minute, 1_100, Long.MAX_VALUE).result() < 0) {
            return false;
        }
        BigDecimal most = price.cost(400, 0, 16_384);
        if (!counters.reserve(org, "2026-11", budget, most).result()) {
            return false;
        }
        BigDecimal cost = price.cost(812, 0, 164);
        counters.adjust(org + ":t", minute, 976 - 1_100);
        counters.settle(org, "2026-11", most, cost);
        spool.append(UsageCodec.encode(new UsageRecord("req_" + i, Instant.now(), org, null, "key_1", "US", "gpt-4o",
                "openai-us-east", "us-east", 200, false, 812, 164, 0, false, 1_234, cost, "USD", "2026-11-01")));
        return true;
    }
}
