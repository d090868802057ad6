package dev.strait.app.events;

import java.util.concurrent.atomic.LongAdder;

/** What the bus did: events handed to Kafka, and those that took the local way because it could not take them. */
public final class BusCounters {

    final LongAdder usagePublished = new LongAdder();
    final LongAdder usageSpooled = new LongAdder();
    final LongAdder trafficPublished = new LongAdder();
    final LongAdder trafficLocal = new LongAdder();
    final LongAdder trafficSkipped = new LongAdder();

    /** Exposes the counts on /metrics: {@code strait_events_total{stream, way}}. */
    public void bind(io.micrometer.core.instrument.MeterRegistry registry) {
        counter(registry, "usage", "kafka", usagePublished);
        counter(registry, "usage", "spool", usageSpooled);
        counter(registry, "traffic", "kafka", trafficPublished);
        counter(registry, "traffic", "local", trafficLocal);
        counter(registry, "traffic", "skipped", trafficSkipped);
    }

    private static void counter(io.micrometer.core.instrument.MeterRegistry registry, String stream, String way,
            LongAdder count) {
        io.micrometer.core.instrument.FunctionCounter.builder("strait.events", count, LongAdder::sum)
                .description("Events of served requests by the way they went: to Kafka, or the local fallback")
                .tags("stream", stream, "way", way).register(registry);
    }

    /** Usage records acknowledged by Kafka. */
    public long usagePublished() {
        return usagePublished.sum();
    }

    /** Usage records Kafka could not take, written to the node's spool for its ledger writer instead. */
    public long usageSpooled() {
        return usageSpooled.sum();
    }

    public long trafficPublished() {
        return trafficPublished.sum();
    }

    /** Traffic events Kafka could not take, applied to this node's own monitor and index instead. */
    public long trafficLocal() {
        return trafficLocal.sum();
    }

    /** Traffic events a consumer could not read (another schema, a malformed record): skipped. */
    public long trafficSkipped() {
        return trafficSkipped.sum();
    }
}
