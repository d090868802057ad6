package dev.strait.app.events;

import dev.strait.gateway.observe.JsonLog;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One consumer of a group, on a thread of its own: polls a batch, hands it over, and commits its
 * offsets only once the batch was handled, so a crash, a restart or a rebalance hands the uncommitted
 * rest to a consumer that handles it again (at least once; the handlers make a repeat harmless).
 * A batch that fails is either retried from its first record until it succeeds ({@code retry}: the
 * ledger, which must lose nothing) or logged and passed ({@code !retry}: monitoring, which must not
 * stall on one bad record).
 */
final class ConsumerLoop implements AutoCloseable {

    @FunctionalInterface
    interface Handler {
        void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception;
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String name;
    private final Handler handler;
    private final boolean retry;
    private final JsonLog log;
    private final Thread thread;
    private volatile Set<TopicPartition> assigned = Set.of();
    private volatile boolean running = true;

    ConsumerLoop(String name, Properties properties, String topic, Handler handler, boolean retry, JsonLog log) {
        this.consumer = new KafkaConsumer<>(properties);
        this.name = name;
        this.handler = handler;
        this.retry = retry;
        this.log = log;
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                assigned = Set.copyOf(consumer.assignment());
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned = Set.copyOf(consumer.assignment());
            }
        });
        this.thread = Thread.ofPlatform().daemon().name("strait-consume-" + name).start(this::run);
    }

    /** The partitions this consumer holds now. */
    Set<TopicPartition> assigned() {
        return assigned;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        try {
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                if (batch.isEmpty()) {
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>(batch.count());
                batch.forEach(records::add);
                try {
                    handler.handle(records);
                    backoff = Duration.ofMillis(100);
                } catch (Exception e) {
                    log.write(log.line("warn", "event consumer could not handle a batch").put("consumer", name)
                            .put("records", records.size()).put("retry", retry).put("error", e.toString()));
                    if (retry) {
                        rewind(records);
                        Thread.sleep(backoff);
                        backoff = Duration.ofMillis(Math.min(5_000, backoff.toMillis() * 2));
                        continue;
                    }
                }
                commit(records);
            }
        } catch (WakeupException | InterruptedException e) {
            // Closing.
        } catch (RuntimeException e) {
            log.write(log.line("error", "event consumer stopped").put("consumer", name).put("error", e.toString()));
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void commit(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            next.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        try {
            consumer.commitSync(next);
        } catch (org.apache.kafka.common.KafkaException e) {
            if (e instanceof WakeupException wakeup) {
                throw wakeup;
            }
            // Lost to a rebalance: the partition's next owner handles these again, harmlessly.
            log.write(log.line("info", "event consumer's commit lost to a rebalance").put("consumer", name)
                    .put("error", e.getClass().getSimpleName()));
        }
    }

    /** Back to each partition's first record of the failed batch, if this consumer still holds it. */
    private void rewind(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        Set<TopicPartition> held = consumer.assignment();
        first.forEach((partition, offset) -> {
            if (held.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
