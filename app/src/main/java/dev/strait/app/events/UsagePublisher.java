package dev.strait.app.events;

import dev.strait.core.usage.UsageRecord;
import dev.strait.core.usage.UsageSink;
import dev.strait.store.ledger.Spool;
import dev.strait.store.ledger.UsageCodec;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One event loop's usage sink on the Kafka bus. The send never waits (the producer is made with
 * {@code max.block.ms=0}): when Kafka cannot take a record — its buffer is full, the topic's metadata
 * is unknown, the broker is away past the delivery timeout — the record goes to this node's spool,
 * which the ledger writer drains into PostgreSQL as it does without Kafka, and is counted. Both ways
 * end in the ledger, which keeps one row per request id, so a record that takes both is still one.
 */
final class UsagePublisher implements UsageSink {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Spool.Writer loopSpool;
    private final Consumer<byte[]> sharedSpool;
    private final BusCounters counters;
    /** The event loop this sink belongs to; a failure reported on another thread spools elsewhere. */
    private Thread owner;

    UsagePublisher(Producer<String, byte[]> producer, String topic, Spool.Writer loopSpool,
            Consumer<byte[]> sharedSpool, BusCounters counters) {
        this.producer = producer;
        this.topic = topic;
        this.loopSpool = loopSpool;
        this.sharedSpool = sharedSpool;
        this.counters = counters;
    }

    @Override
    public void record(UsageRecord record) {
        if (owner == null) {
            owner = Thread.currentThread();
        }
        byte[] spooled = UsageCodec.encode(record);
        try {
            producer.send(new ProducerRecord<>(topic, record.orgId(), EventCodec.wrapUsage(spooled)), (metadata, e) -> {
                if (e == null) {
                    counters.usagePublished.increment();
                } else {
                    spill(spooled);
                }
            });
        } catch (RuntimeException e) {
            // A closed producer throws rather than calling back.
            spill(spooled);
        }
    }

    /** Runs on the event loop (a failure found at once) or on the producer's I/O thread (found later). */
    private void spill(byte[] spooled) {
        counters.usageSpooled.increment();
        if (Thread.currentThread() == owner) {
            loopSpool.append(spooled);
        } else {
            sharedSpool.accept(spooled);
        }
    }
}
