package dev.strait.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strait.app.events.EventsSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventsConfigTest {

    final ConfigLoader loader;

    EventsConfigTest() {
        Map<String, String> env = new HashMap<>(ConfigLoaderTest.ENV);
        env.put("KAFKA_JAAS", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        loader = new ConfigLoader(env);
    }

    @Test
    void eventsStayInProcessUnlessKafkaIsConfigured() {
        assertThat(loader.parse("strait.yaml", ConfigLoaderTest.VALID).events()).isEqualTo(EventsSettings.IN_PROCESS);

        EventsSettings events = loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                events:
                  bus: kafka
                  kafka:
                    bootstrap_servers: kafka-0:9092,kafka-1:9092
                    group_id: gw
                    partitions: 24
                    replication_factor: 3
                    properties:
                      security.protocol: SASL_SSL
                      sasl.jaas.config: ${KAFKA_JAAS}
                """).events();

        assertThat(events.bus()).isEqualTo(EventsSettings.Bus.KAFKA);
        EventsSettings.Kafka kafka = events.kafka();
        assertThat(kafka.bootstrapServers()).isEqualTo("kafka-0:9092,kafka-1:9092");
        assertThat(kafka.usageTopic()).isEqualTo("strait.usage");
        assertThat(kafka.trafficTopic()).isEqualTo("strait.traffic");
        assertThat(kafka.ledgerGroup()).isEqualTo("gw.ledger");
        assertThat(kafka.trustGroup()).isEqualTo("gw.trust");
        assertThat(kafka.partitions()).isEqualTo(24);
        assertThat(kafka.replicationFactor()).isEqualTo(3);
        assertThat(kafka.properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }

    @Test
    void badEventsSettingsNameTheirLineAndField() {
        assertThatThrownBy(() -> loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                events:
                  bus: rabbitmq
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("events.bus")
                .hasMessageContaining("'kafka'");
        assertThatThrownBy(() -> loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                events:
                  bus: kafka
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("strait.yaml")
                .hasMessageContaining("missing required field 'kafka'");
        assertThatThrownBy(() -> loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                events:
                  bus: kafka
                  kafka:
                    bootstrap_servers: k:9092
                    properties:
                      acks: "1"
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("events.kafka.properties.acks")
                .hasMessageContaining("set by Strait");
        assertThatThrownBy(() -> loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                events:
                  kafka:
                    bootstrap_servers: k:9092
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("only applies with bus: kafka");
        assertThatThrownBy(() -> loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                events:
                  bus: kafka
                  kafka:
                    bootstrap_servers: k:9092
                    topic_prefx: x.
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("topic_prefx");
    }
}
