package dev.strait.app.events;

import java.util.concurrent.atomic.LongAdder;

/** What the bus did: events handed to Kafka, and those that took the local way because it could not take them. */
public final class BusCounters {

    final LongAdder usagePublished = new LongAdder();
    final LongAdder usageSpooled = new LongAdder();
    final LongAdder trafficPublished = new LongAdder();
    final LongAdder trafficLocal = new LongAdder();
    final LongAdder trafficSkipped = new LongAdder();

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
