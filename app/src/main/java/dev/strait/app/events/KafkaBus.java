package dev.strait.app.events;

import dev.strait.core.policy.Policy;
import dev.strait.core.usage.UsageRecord;
import dev.strait.core.usage.UsageSink;
import dev.strait.gateway.observe.JsonLog;
import dev.strait.gateway.traffic.ServedRequest;
import dev.strait.store.ledger.Ledger;
import dev.strait.store.ledger.Spool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The event bus on Apache Kafka. Every replica publishes its usage and traffic events, keyed by
 * organization (one organization's events stay in order on one partition), and runs one consumer in
 * each of two groups: {@code <group>.ledger} writes usage to the ledger, {@code <group>.trust} feeds
 * the monitor and the provenance index. Kafka splits each topic's partitions over the replicas, so
 * the trust work scales out with them, and one organization's traffic, from whichever replica served
 * it, is judged in one place.
 *
 * <p>The ledger is exactly-once in effect: the producer is idempotent with {@code acks=all}, offsets
 * are committed only after the batch is in PostgreSQL, and the ledger keeps one row per request id,
 * so a redelivered record (after a crash, a restart, a rebalance) changes nothing.
 */
public final class KafkaBus implements AutoCloseable {

    private final EventsSettings.Kafka settings;
    private final KafkaProducer<String, byte[]> producer;
    private final Spool spool;
    private final Spool.Writer sharedSpool;
    private final JsonLog log;
    private final BusCounters counters = new BusCounters();
    private final List<ConsumerLoop> consumers = new ArrayList<>();
    /**
     * Kafka's clients print their whole configuration at INFO, per client, through java.util.logging:
     * warnings and errors are what an operator needs. Held here, since the logging system holds its
     * loggers weakly and would forget the level.
     */
    private final java.util.logging.Logger kafkaLogger = java.util.logging.Logger.getLogger("org.apache.kafka");

    private KafkaBus(EventsSettings.Kafka settings, KafkaProducer<String, byte[]> producer, Spool spool, JsonLog log) {
        this.settings = settings;
        this.producer = producer;
        this.spool = spool;
        this.sharedSpool = spool.writer();
        this.log = log;
        kafkaLogger.setLevel(java.util.logging.Level.WARNING);
    }

    /**
     * Creates the topics if they are missing and readies the producer. Kafka being away at start is not
     * fatal: events take the local way (counted) until it is back.
     *
     * @param spool where usage records go that Kafka cannot take (the ledger writer drains it)
     */
    public static KafkaBus start(EventsSettings.Kafka settings, Spool spool, JsonLog log) {
        java.util.logging.Logger.getLogger("org.apache.kafka").setLevel(java.util.logging.Level.WARNING);
        createTopics(settings, log);
        Properties p = common(settings);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        // The hot path never waits on Kafka: a send that cannot go at once fails at once, to the spool.
        p.put("max.block.ms", "0");
        p.putIfAbsent("linger.ms", "5");
        // No compression by default: Kafka compresses on the sending thread, here an event loop (at 5,000
        // records/s, 15.9 µs a send uncompressed, 22.8 µs with lz4: BENCHMARKS.md); compression.type trades.
        // A quiet topic's metadata must not expire, or its next send would fail for want of it.
        p.putIfAbsent("metadata.max.idle.ms", String.valueOf(Duration.ofDays(1).toMillis()));
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p);
        KafkaBus bus = new KafkaBus(settings, producer, spool, log);
        bus.awaitMetadata(Duration.ofSeconds(10));
        return bus;
    }

    /** A usage sink for one event loop. */
    public UsageSink usageSink() {
        return new UsagePublisher(producer, settings.usageTopic(), spool.writer(), this::spoolShared, counters);
    }

    /**
     * What the traffic queue's worker runs: derive here, publish to Kafka.
     *
     * @param local the events' destination on this node, for those Kafka cannot take
     */
    public Consumer<ServedRequest> trafficPublisher(Supplier<Policy> policy, TrafficApplier local) {
        return new TrafficPublisher(producer, settings.trafficTopic(), policy, local::apply, counters);
    }

    /** Joins both consumer groups: the ledger's, and monitoring and provenance's. */
    public void consume(Ledger ledger, TrafficApplier trust) {
        consumers.add(new ConsumerLoop("ledger", consumerProperties(settings.ledgerGroup(), 2_000),
                settings.usageTopic(), records -> ledger.insert(usage(records)), true, log));
        consumers.add(new ConsumerLoop("trust", consumerProperties(settings.trustGroup(), 500),
                settings.trafficTopic(), records -> trust.apply(traffic(records)), false, log));
    }

    public BusCounters counters() {
        return counters;
    }

    /** The partitions this node's consumers hold now, of both topics. */
    public Set<TopicPartition> assigned() {
        Set<TopicPartition> all = new HashSet<>();
        consumers.forEach(c -> all.addAll(c.assigned()));
        return all;
    }

    private static List<UsageRecord> usage(List<ConsumerRecord<String, byte[]>> records) {
        List<UsageRecord> out = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            // An unknown schema throws: the batch waits (and says why) rather than a record being lost.
            out.add(EventCodec.decodeUsage(r.value()));
        }
        return out;
    }

    private List<TrafficEvent> traffic(List<ConsumerRecord<String, byte[]>> records) {
        List<TrafficEvent> out = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                out.add(EventCodec.decodeTraffic(r.value()));
            } catch (RuntimeException e) {
                counters.trafficSkipped.increment();
                log.write(log.line("warn", "traffic event skipped").put("partition", r.partition())
                        .put("offset", r.offset()).put("error", e.getMessage()));
            }
        }
        return out;
    }

    /** Usage spilled on the producer's I/O thread: one writer, and that thread its only user but for close. */
    private synchronized void spoolShared(byte[] spooled) {
        sharedSpool.append(spooled);
    }

    private Properties consumerProperties(String group, int maxPollRecords) {
        Properties p = common(settings);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("group.id", group);
        p.put("enable.auto.commit", "false");
        p.putIfAbsent("auto.offset.reset", "earliest");
        p.putIfAbsent("max.poll.records", String.valueOf(maxPollRecords));
        return p;
    }

    private static Properties common(EventsSettings.Kafka settings) {
        Properties p = new Properties();
        p.putAll(settings.properties());
        p.put("bootstrap.servers", settings.bootstrapServers());
        return p;
    }

    private static void createTopics(EventsSettings.Kafka settings, JsonLog log) {
        Properties p = common(settings);
        p.putIfAbsent("request.timeout.ms", "5000");
        p.putIfAbsent("default.api.timeout.ms", "10000");
        Optional<Short> replication = settings.replicationFactor() == 0 ? Optional.empty()
                : Optional.of((short) settings.replicationFactor());
        try (Admin admin = Admin.create(p)) {
            for (String topic : List.of(settings.usageTopic(), settings.trafficTopic())) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.of(settings.partitions()), replication)))
                            .all().get(10, TimeUnit.SECONDS);
                    log.write(log.line("info", "event topic created").put("topic", topic)
                            .put("partitions", settings.partitions()));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.write(log.line("warn", "event topics could not be checked; they must exist, or the broker create them")
                    .put("error", e.toString()));
        }
    }

    /** Until the producer knows both topics, every send would fail at once (it may not wait to learn them). */
    private void awaitMetadata(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (String topic : List.of(settings.usageTopic(), settings.trafficTopic())) {
            while (true) {
                try {
                    producer.partitionsFor(topic);
                    break;
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        log.write(log.line("warn", "Kafka is not reachable; events take the local way until it is")
                                .put("topic", topic).put("error", e.toString()));
                        return;
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Stops consuming, then sends what is queued; what cannot be sent in time is spooled. */
    @Override
    public void close() {
        consumers.forEach(ConsumerLoop::close);
        producer.close(Duration.ofSeconds(10));
        log.write(log.line("info", "event bus closed").put("usage_published", counters.usagePublished())
                .put("usage_spooled", counters.usageSpooled()).put("traffic_published", counters.trafficPublished())
                .put("traffic_local", counters.trafficLocal()));
    }
}
