package dev.strait.app.events;

import dev.strait.core.policy.Policy;
import dev.strait.gateway.traffic.ServedRequest;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The traffic queue's worker on the Kafka bus: derives each served request's {@link TrafficEvent}
 * here, where its text is, and publishes it keyed by organization, so that one organization's traffic
 * from every replica meets in one consumer. What Kafka cannot take is applied to this node's own
 * monitor and index instead (counted): judged with less context, but not lost.
 */
final class TrafficPublisher implements Consumer<ServedRequest> {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final TrafficDeriver deriver;
    private final Consumer<List<TrafficEvent>> local;
    private final BusCounters counters;

    /**
     * @param local applies events on this node when Kafka cannot take them
     */
    TrafficPublisher(Producer<String, byte[]> producer, String topic, Supplier<Policy> policy,
            Consumer<List<TrafficEvent>> local, BusCounters counters) {
        this.producer = producer;
        this.topic = topic;
        this.deriver = new TrafficDeriver(policy);
        this.local = local;
        this.counters = counters;
    }

    @Override
    public void accept(ServedRequest served) {
        TrafficEvent event = deriver.derive(served);
        try {
            producer.send(new ProducerRecord<>(topic, event.org(), EventCodec.encodeTraffic(event)), (metadata, e) -> {
                if (e == null) {
                    counters.trafficPublished.increment();
                } else {
                    applyHere(event);
                }
            });
        } catch (RuntimeException e) {
            applyHere(event);
        }
    }

    private void applyHere(TrafficEvent event) {
        counters.trafficLocal.increment();
        local.accept(List.of(event));
    }
}
