package dev.strait.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.store.ledger.Spool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A usage record Kafka cannot take is never dropped: it goes to the spool (Kafka's own
 * {@link MockProducer} stands in for a broker that fails).
 */
class UsagePublisherTest {

    @TempDir
    Path dir;

    @Test
    void aRecordKafkaFailsLaterGoesToTheSharedSpoolAndIsCounted() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        Spool spool = new Spool(dir, 1 << 20);
        List<byte[]> shared = new ArrayList<>();
        BusCounters counters = new BusCounters();
        UsagePublisher sink = new UsagePublisher(producer, "strait.usage", spool.writer(), shared::add, counters);

        sink.record(EventCodecTest.USAGE);
        sink.record(EventCodecTest.USAGE);
        assertThat(producer.history()).hasSize(2);
        assertThat(producer.history().getFirst().key()).isEqualTo("org_1");
        producer.completeNext();
        // Reported on "the producer's thread": another thread than the one that recorded.
        Thread io = Thread.ofPlatform().start(() -> producer.errorNext(new TimeoutException("broker away")));
        io.join();

        assertThat(counters.usagePublished()).isEqualTo(1);
        assertThat(counters.usageSpooled()).isEqualTo(1);
        assertThat(shared).hasSize(1);
        assertThat(dev.strait.store.ledger.UsageCodec.decode(shared.getFirst())).isEqualTo(EventCodecTest.USAGE);
    }

    @Test
    void aRecordKafkaRefusesAtOnceGoesToTheEventLoopsOwnSpool() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        producer.close();
        Spool spool = new Spool(dir, 1 << 20);
        List<byte[]> shared = new ArrayList<>();
        BusCounters counters = new BusCounters();
        UsagePublisher sink = new UsagePublisher(producer, "strait.usage", spool.writer(), shared::add, counters);

        sink.record(EventCodecTest.USAGE);

        assertThat(counters.usageSpooled()).isEqualTo(1);
        assertThat(shared).isEmpty();
        assertThat(spool.pendingBytes()).as("waiting for the ledger writer").isPositive();
    }
}
