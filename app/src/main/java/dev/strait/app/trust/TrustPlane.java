package dev.strait.app.trust;

import dev.strait.core.policy.Market;
import dev.strait.core.policy.Policy;
import dev.strait.gateway.observe.JsonLog;
import dev.strait.gateway.traffic.ServedRequest;
import dev.strait.gateway.traffic.TrafficQueue;
import dev.strait.gateway.traffic.TrafficSink;
import dev.strait.provenance.index.ProvenanceIndex;
import dev.strait.provenance.index.PurgeResult;
import dev.strait.store.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The work done after answers, off the event loops: the traffic queue and its worker (provenance
 * fingerprints, the monitoring engine), the monitor's periodic judgement, and the daily retention
 * sweep that drops fingerprints older than each market's policy allows (audited).
 */
public final class TrustPlane implements AutoCloseable {

    /**
     * What the traffic queue's worker does with each served request: this node's own worker (the
     * in-process bus), or one that sends it elsewhere and falls back on the local one.
     */
    @FunctionalInterface
    public interface Route {
        Route IN_PROCESS = (local, provenance) -> local;

        Consumer<ServedRequest> worker(Consumer<ServedRequest> local, ProvenanceIndex provenance);
    }

    private final ProvenanceIndex provenance;
    private final TrafficQueue queue;
    private final ScheduledExecutorService sweeper;
    /** Closed once the queue is drained and before the index closes: what the queue's worker sends to. */
    private final List<AutoCloseable> downstream = new CopyOnWriteArrayList<>();

    private TrustPlane(ProvenanceIndex provenance, TrafficQueue queue, ScheduledExecutorService sweeper) {
        this.provenance = provenance;
        this.queue = queue;
        this.sweeper = sweeper;
    }

    public static TrustPlane start(Path dataDir, Supplier<Policy> policy, AuditLog audit, LiveMonitor monitor,
            JsonLog log, Clock clock) throws IOException {
        return start(dataDir, policy, audit, monitor, log, clock, Route.IN_PROCESS);
    }

    public static TrustPlane start(Path dataDir, Supplier<Policy> policy, AuditLog audit, LiveMonitor monitor,
            JsonLog log, Clock clock, Route route) throws IOException {
        ProvenanceIndex provenance = ProvenanceIndex.open(dataDir.resolve("provenance"), ProvenanceIndex.Options.DEFAULT);
        TrafficQueue queue = new TrafficQueue(65_536, route.worker(new TrafficWorker(policy, provenance, monitor),
                provenance),
                e -> log.write(log.line("warn", "traffic worker failed on one request").put("error", e.toString())));
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("strait-retention").daemon().factory());
        TrustPlane plane = new TrustPlane(provenance, queue, sweeper);
        sweeper.scheduleWithFixedDelay(() -> plane.sweep(policy.get(), audit, log, clock), 1, 24 * 60, TimeUnit.MINUTES);
        // Judgement also runs when traffic stops, so the last requests of a burst are judged too.
        long every = monitor.evaluateEvery().toMillis();
        sweeper.scheduleWithFixedDelay(monitor::evaluate, every, every, TimeUnit.MILLISECONDS);
        return plane;
    }

    /** Runs {@code task} every {@code period} on the plane's housekeeping thread. */
    public void every(Duration period, Runnable task) {
        sweeper.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes {@code closeable} after the traffic queue drained, before the provenance index closes. */
    public void closeAfterQueue(AutoCloseable closeable) {
        downstream.add(closeable);
    }

    public TrafficSink traffic() {
        return queue;
    }

    public ProvenanceIndex provenance() {
        return provenance;
    }

    /** Drops what each market's retention no longer allows. */
    void sweep(Policy policy, AuditLog audit, JsonLog log, Clock clock) {
        for (Market market : policy.markets().values()) {
            try {
                PurgeResult result = provenance.purgeOlderThan(
                        clock.instant().minus(Duration.ofDays(market.storage().retentionDays())), market.code()::equals);
                if (result.removed() > 0) {
                    audit.append("retention", "provenance.purge", market.code(), "removed=" + result.removed()
                            + "; older_than_days=" + market.storage().retentionDays());
                }
            } catch (Exception e) {
                log.write(log.line("warn", "retention sweep failed").put("market", market.code())
                        .put("error", e.toString()));
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        queue.close();
        for (AutoCloseable closeable : downstream) {
            try {
                closeable.close();
            } catch (Exception e) {
                // The rest must still close.
            }
        }
        try {
            provenance.close();
        } catch (Exception e) {
            // Closing flushes what was queued; a failure here leaves the segment's torn tail to recovery.
        }
    }
}
