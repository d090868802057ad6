package dev.strait.app.config;

import dev.strait.app.events.EventsSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code events} section:
 * <pre>
 * events:
 *   bus: kafka                     # in-process (default: this node's spool and queue) or kafka
 *   kafka:
 *     bootstrap_servers: kafka-0.kafka:9092,kafka-1.kafka:9092
 *     topic_prefix: strait.        # topics strait.usage and strait.traffic
 *     group_id: strait             # consumer groups strait.ledger and strait.trust
 *     partitions: 12               # for topics this node creates; at most this many consumers share the work
 *     replication_factor: 3        # for topics this node creates; 0 (default) for the broker's default
 *     properties:                  # passed to every Kafka client as they are (TLS, SASL …)
 *       security.protocol: SASL_SSL
 *       sasl.jaas.config: ${KAFKA_JAAS}
 * </pre>
 */
final class EventsSection {

    /** What the bus's guarantees rest on: an override here would quietly break them. */
    private static final Set<String> RESERVED = Set.of("enable.idempotence", "acks", "max.block.ms",
            "enable.auto.commit", "key.serializer", "value.serializer", "key.deserializer", "value.deserializer",
            "group.id", "bootstrap.servers");

    private EventsSection() {}

    static EventsSettings parse(YamlNode root) {
        YamlNode node = root.field("events").orElse(null);
        if (node == null) {
            return EventsSettings.IN_PROCESS;
        }
        String bus = node.optionalString("bus").orElse("in-process");
        EventsSettings settings = switch (bus) {
            case "in-process" -> {
                if (node.field("kafka").isPresent()) {
                    throw node.required("kafka").error("only applies with bus: kafka");
                }
                yield EventsSettings.IN_PROCESS;
            }
            case "kafka" -> new EventsSettings(EventsSettings.Bus.KAFKA, kafka(node.required("kafka")));
            default -> throw node.required("bus").error("must be 'in-process' (one node) or 'kafka' (replicas)");
        };
        node.rejectUnknownKeys();
        return settings;
    }

    private static EventsSettings.Kafka kafka(YamlNode node) {
        String servers = node.string("bootstrap_servers");
        if (servers.isBlank()) {
            throw node.required("bootstrap_servers").error("must name at least one host:port");
        }
        String prefix = node.optionalString("topic_prefix").orElse("strait.");
        if (!prefix.matches("[A-Za-z0-9._-]*")) {
            throw node.required("topic_prefix").error("may hold only letters, digits, '.', '_' and '-'");
        }
        String group = node.optionalString("group_id").orElse("strait");
        if (group.isBlank()) {
            throw node.required("group_id").error("must not be empty");
        }
        int partitions = node.integer("partitions", 12, 1, 10_000);
        int replication = node.integer("replication_factor", 0, 0, 32);
        Map<String, String> properties = new LinkedHashMap<>();
        node.entries("properties").forEach((name, value) -> {
            if (RESERVED.contains(name)) {
                throw value.error("is set by Strait itself (the event bus's guarantees depend on it)");
            }
            properties.put(name, value.text());
        });
        node.rejectUnknownKeys();
        return new EventsSettings.Kafka(servers, prefix, group, partitions, replication, properties);
    }
}
