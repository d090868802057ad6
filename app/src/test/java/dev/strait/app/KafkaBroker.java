package dev.strait.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Apache Kafka broker for tests: one KRaft node (broker and controller in one process) from
 * the Maven Central artifacts on the test class path, run in a child JVM so its Scala runtime and
 * logging stay out of the test's. Formatting and start happen in that one JVM ({@link #main}).
 */
final class KafkaBroker implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private KafkaBroker(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static KafkaBroker start(Path dir) {
        try {
            Files.createDirectories(dir);
            int port = freePort();
            int controller = freePort();
            Path config = dir.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controller,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + dir.resolve("data"),
                    "num.partitions=6",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    // Tests join and leave groups often: no waiting for more members to come.
                    "group.initial.rebalance.delay.ms=0",
                    "group.consumer.heartbeat.interval.ms=500",
                    "group.consumer.min.heartbeat.interval.ms=500",
                    "group.consumer.session.timeout.ms=6000",
                    "group.consumer.min.session.timeout.ms=6000",
                    "auto.create.topics.enable=false",
                    "") );
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-Xms128m", "-Xmx384m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), KafkaBroker.class.getName(),
                    org.apache.kafka.common.Uuid.randomUuid().toString(), config.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("broker.log").toFile()).start();
            KafkaBroker broker = new KafkaBroker(process, dir, port);
            broker.awaitListening();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker stopped: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep(100);
            }
        }
        close();
        throw new IllegalStateException("the Kafka broker did not listen within a minute: " + log());
    }

    String log() {
        try {
            String all = Files.readString(dir.resolve("broker.log"));
            return all.length() > 4_000 ? all.substring(all.length() - 4_000) : all;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** In the child JVM: format the log directory for a new cluster, then run the broker. */
    public static void main(String[] args) throws Exception {
        int formatted = kafka.tools.StorageTool.execute(new String[] {"format", "-t", args[0], "-c", args[1],
                "--ignore-formatted"}, System.out);
        if (formatted != 0) {
            System.exit(formatted);
        }
        kafka.Kafka.main(new String[] {args[1]});
    }
}
