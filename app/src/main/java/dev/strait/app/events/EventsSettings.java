package dev.strait.app.events;

import java.util.Map;
import java.util.Objects;

/**
 * Where the events of served requests go after the answer: usage (for the ledger) and traffic (for
 * monitoring and provenance).
 *
 * @param bus {@code IN_PROCESS}: this node's spool and queue, as a single node needs; {@code KAFKA}:
 *     topics shared by every replica, consumed by consumer groups spread over them
 * @param kafka the Kafka settings, or null with the in-process bus
 */
public record EventsSettings(Bus bus, Kafka kafka) {

    public static final EventsSettings IN_PROCESS = new EventsSettings(Bus.IN_PROCESS, null);

    public enum Bus { IN_PROCESS, KAFKA }

    public EventsSettings {
        Objects.requireNonNull(bus, "bus");
        if ((bus == Bus.KAFKA) != (kafka != null)) {
            throw new IllegalArgumentException("Kafka settings go with the Kafka bus, and only with it");
        }
    }

    /**
     * @param bootstrapServers {@code host:port,host:port}
     * @param topicPrefix prefixed to the topic names ({@code usage}, {@code traffic})
     * @param groupId prefixed to the consumer groups' names ({@code .ledger}, {@code .trust})
     * @param partitions partitions of a topic this node creates when it is missing; replicas beyond this
     *     many have no partition of their own to consume
     * @param replicationFactor replicas of each partition of a created topic; 0 for the broker's default
     * @param properties passed to every client as they are ({@code security.protocol}, {@code sasl.*} …);
     *     they may override the bus's own settings, except where the bus's guarantees depend on them
     */
    public record Kafka(String bootstrapServers, String topicPrefix, String groupId, int partitions,
            int replicationFactor, Map<String, String> properties) {

        public Kafka {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            topicPrefix = topicPrefix == null ? "strait." : topicPrefix;
            groupId = groupId == null ? "strait" : groupId;
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }

        public static Kafka at(String bootstrapServers) {
            return new Kafka(bootstrapServers, null, null, 12, 0, Map.of());
        }

        public String usageTopic() {
            return topicPrefix + "usage";
        }

        public String trafficTopic() {
            return topicPrefix + "traffic";
        }

        public String ledgerGroup() {
            return groupId + ".ledger";
        }

        public String trustGroup() {
            return groupId + ".trust";
        }
    }
}
