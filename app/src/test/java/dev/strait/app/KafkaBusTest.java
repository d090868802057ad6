package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.app.config.StraitConfig;
import dev.strait.app.events.EventsSettings;
import dev.strait.store.Database;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event bus on a real Kafka broker (KRaft, started by the test): served requests reach the ledger,
 * the monitor and the provenance index through Kafka; every usage record lands exactly once however
 * often it is delivered and however the consumers come and go; the consumers of a group share the
 * partitions. Each test has topics and groups of its own on the one broker.
 */
class KafkaBusTest {

    static KafkaBroker broker;
    @TempDir
    static Path brokerDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static EventsSettings kafka(String prefix) {
        return new EventsSettings(EventsSettings.Bus.KAFKA, new EventsSettings.Kafka(broker.bootstrapServers(),
                prefix + ".", prefix, 6, 1, Map.of()));
    }

    static Node node(Path dir, String databaseUrl, EventsSettings events) {
        return new Node(dir, databaseUrl, StraitConfig.LimitsSettings.MEMORY, StraitConfig.ScreeningSettings.NONE,
                Clock.systemUTC(), events);
    }

    @Test
    void servedRequestsReachTheLedgerMonitoringAndProvenanceThroughKafkaWithoutTheirText() throws Exception {
        EventsSettings events = kafka("flow");
        try (Node node = node(dir, null, events)) {
            String org = LimitsApiTest.verifiedOrg(node, "Kafka Flow Ltd");
            String key = node.adminJson("POST", "/admin/keys", "{\"org\":\"" + org + "\"}").get("key").asText();
            Set<String> served = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> answer = chat(node, key, "zebras graze quietly near the river bend " + i);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                served.add(answer.headers().firstValue("x-request-id").orElseThrow());
            }

            LedgerTest.awaitLedger(node, 20);
            assertThat(new HashSet<>(node.strait.ledger().requestIdsOf(org, 100))).isEqualTo(served);
            await(() -> node.strait.monitor().engine().observed() == 20, "the monitor saw every request");
            await(() -> node.strait.provenance().stats().generations() == 20, "every answer was fingerprinted");
            var counters = node.strait.events().orElseThrow().counters();
            assertThat(counters.usagePublished()).as("all through Kafka").isEqualTo(20);
            assertThat(counters.usageSpooled()).isZero();
            assertThat(counters.trafficPublished()).isEqualTo(20);
            assertThat(counters.trafficLocal()).isZero();
            assertThat(node.admin("GET", "/metrics", null).body())
                    .contains("strait_events_total{stream=\"usage\",way=\"kafka\"} 20.0")
                    .contains("strait_events_total{stream=\"usage\",way=\"spool\"} 0.0");

            List<ConsumerRecord<String, byte[]>> usage = readAll("flow.usage", 20);
            List<ConsumerRecord<String, byte[]>> traffic = readAll("flow.traffic", 20);
            assertThat(usage).allSatisfy(r -> assertThat(r.key()).isEqualTo(org));
            assertThat(usage).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .startsWith("{\"schema\":\"strait.usage/1\""));
            assertThat(traffic).allSatisfy(r -> {
                String json = new String(r.value(), StandardCharsets.UTF_8);
                assertThat(json).contains("\"schema\":\"strait.traffic/1\"").doesNotContain("zebras")
                        .doesNotContain("river");
            });
            assertThat(usage.stream().map(ConsumerRecord::partition).distinct()).as("one org, one partition").hasSize(1);
        }
    }

    @Test
    void noUsageRecordIsLostOrDoubledThroughDuplicatesRestartsAndRebalances() throws Exception {
        EventsSettings events = kafka("exact");
        try (Database database = Database.embedded(dir.resolve("pg"))) {
            String url = database.jdbcUrl();
            Set<String> served = new HashSet<>();
            String org;
            String key;
            try (Node first = node(dir.resolve("a"), url, events)) {
                org = LimitsApiTest.verifiedOrg(first, "Exactly Once Ltd");
                key = first.adminJson("POST", "/admin/keys", "{\"org\":\"" + org + "\"}").get("key").asText();
                serve(first, key, 15, served);
                try (Node second = node(dir.resolve("b"), url, events)) {
                    // The second consumer joins the groups: a rebalance while both serve.
                    for (int i = 0; i < 15; i++) {
                        serve(first, key, 1, served);
                        serve(second, key, 1, served);
                    }
                    // Every record delivered a second time, as after a crash between insert and commit.
                    republish("exact.usage");
                }
                // The second replica left: its partitions go back to the first, which serves on.
                serve(first, key, 10, served);
                awaitRows(database, served.size());
            }
            // A restart: the group's consumer comes back and reads on from its committed offsets.
            try (Node restarted = node(dir.resolve("a"), url, events)) {
                serve(restarted, key, 5, served);
                awaitRows(database, served.size());
                Thread.sleep(1_000); // a late duplicate would show now
            }
            assertThat(served).hasSize(60);
            assertThat(rows(database)).as("one row per request served, no more, no less").isEqualTo(60);
            assertThat(new HashSet<>(new dev.strait.store.ledger.Ledger(database.dataSource()).requestIdsOf(org, 1_000)))
                    .isEqualTo(served);
        }
    }

    @Test
    void twoReplicasInOneGroupSplitThePartitionsBetweenThem() throws Exception {
        EventsSettings events = kafka("split");
        try (Database database = Database.embedded(dir.resolve("pg"));
                Node first = node(dir.resolve("a"), database.jdbcUrl(), events);
                Node second = node(dir.resolve("b"), database.jdbcUrl(), events)) {
            var a = first.strait.events().orElseThrow();
            var b = second.strait.events().orElseThrow();
            // each group rebalances on its own when the second replica joins: wait for both to settle
            await(() -> a.assigned().size() + b.assigned().size() == 12 && holdsBoth(a.assigned(), "split")
                    && holdsBoth(b.assigned(), "split"), "both consumers hold partitions of both topics");
            Set<TopicPartition> both = new HashSet<>(a.assigned());
            both.retainAll(b.assigned());
            assertThat(both).as("no partition held twice").isEmpty();
            assertThat(a.assigned()).anyMatch(p -> p.topic().equals("split.usage"))
                    .anyMatch(p -> p.topic().equals("split.traffic"));
            assertThat(b.assigned()).anyMatch(p -> p.topic().equals("split.usage"))
                    .anyMatch(p -> p.topic().equals("split.traffic"));
        }
    }

    static boolean holdsBoth(Set<TopicPartition> assigned, String prefix) {
        return assigned.stream().anyMatch(p -> p.topic().equals(prefix + ".usage"))
                && assigned.stream().anyMatch(p -> p.topic().equals(prefix + ".traffic"));
    }

    static HttpResponse<String> chat(Node node, String key, String prompt) {
        String body = Node.JSON.createObjectNode().put("model", "gpt-4o-mini").set("messages", Node.JSON
                .createArrayNode().add(Node.JSON.createObjectNode().put("role", "user").put("content", prompt)))
                .toString();
        return Node.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void serve(Node node, String key, int count, Set<String> served) {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> answer = chat(node, key, "count the ledger rows " + served.size());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(served.add(answer.headers().firstValue("x-request-id").orElseThrow())).isTrue();
        }
    }

    private static long rows(Database database) throws Exception {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("select count(*) from usage_ledger")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitRows(Database database, long expected) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (rows(database) < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(rows(database)).isEqualTo(expected);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    /** Every record of a topic, read with a consumer of no group. */
    static List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertThat(records).hasSizeGreaterThanOrEqualTo(atLeast);
            return records;
        }
    }

    /** Publishes every record of the topic once more, key and value unchanged. */
    private static void republish(String topic) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = readAll(topic, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "key.serializer", StringSerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            for (ConsumerRecord<String, byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, r.key(), r.value())).get();
            }
        }
    }
}
