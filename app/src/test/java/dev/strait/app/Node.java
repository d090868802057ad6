package dev.strait.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.app.config.ConfigLoader;
import dev.strait.app.config.StraitConfig;
import dev.strait.app.events.EventsSettings;
import dev.strait.app.trust.LiveMonitor;
import dev.strait.app.trust.MonitoringSettings;
import dev.strait.emulator.Emulator;
import dev.strait.gateway.observe.JsonLog;
import dev.strait.monitor.risk.Ladder;
import dev.strait.monitor.trace.ModelCatalog;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A whole Strait node for tests: the built-in configuration over a real emulator, a real embedded
 * PostgreSQL in a temporary directory, and the policy in a file of its own that tests may edit.
 */
final class Node implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Judged often, so tests see the ladder act within a second. */
    static final MonitoringSettings MONITORING = new MonitoringSettings(
            new LiveMonitor.Enforcement(true, 10, Duration.ofMillis(200), Duration.ofHours(1)), Ladder.DEFAULTS,
            ModelCatalog.EMPTY);
    /** Nodes that share a database share the key pepper, as replicas must. */
    static final dev.strait.core.deploy.Secret SHARED_PEPPER = new dev.strait.core.deploy.Secret("pepper-for-test-nodes");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final Vertx vertx = Vertx.vertx();
    final Emulator emulator = Emulator.start(vertx, "127.0.0.1", 0);
    final Path dataDir;
    final Path policyFile;
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final JsonLog log = new JsonLog(new PrintStream(logs, true, StandardCharsets.UTF_8), Clock.systemUTC(), 100_000);
    final Strait strait;

    Node(Path dataDir) {
        this(dataDir, null);
    }

    /** @param sharedDatabaseUrl another node's database, to run as its replica; null for an embedded one */
    Node(Path dataDir, String sharedDatabaseUrl) {
        this(dataDir, sharedDatabaseUrl, StraitConfig.LimitsSettings.MEMORY);
    }

    /** @param limits where limit counters live: this node's memory or a Redis shared with other nodes */
    Node(Path dataDir, String sharedDatabaseUrl, StraitConfig.LimitsSettings limits) {
        this(dataDir, sharedDatabaseUrl, limits, StraitConfig.ScreeningSettings.NONE, Clock.systemUTC());
    }

    /** @param clock the node's time, which a test may move on by hand */
    Node(Path dataDir, String sharedDatabaseUrl, StraitConfig.LimitsSettings limits,
            StraitConfig.ScreeningSettings screening, Clock clock) {
        this(dataDir, sharedDatabaseUrl, limits, screening, clock, EventsSettings.IN_PROCESS,
                dev.strait.gateway.telemetry.TelemetrySettings.OFF);
    }

    Node(Path dataDir, String sharedDatabaseUrl, StraitConfig.LimitsSettings limits,
            StraitConfig.ScreeningSettings screening, Clock clock, EventsSettings events) {
        this(dataDir, sharedDatabaseUrl, limits, screening, clock, events, dev.strait.gateway.telemetry.TelemetrySettings.OFF);
    }

    Node(Path dataDir, String sharedDatabaseUrl, StraitConfig.LimitsSettings limits,
            StraitConfig.ScreeningSettings screening, Clock clock, dev.strait.gateway.telemetry.TelemetrySettings telemetry) {
        this(dataDir, sharedDatabaseUrl, limits, screening, clock, EventsSettings.IN_PROCESS, telemetry);
    }

    /**
     * @param events where usage and traffic events go: this node's spool and queue, or Kafka
     * @param telemetry where the node sends request traces
     */
    Node(Path dataDir, String sharedDatabaseUrl, StraitConfig.LimitsSettings limits,
            StraitConfig.ScreeningSettings screening, Clock clock, EventsSettings events,
            dev.strait.gateway.telemetry.TelemetrySettings telemetry) {
        this.dataDir = dataDir;
        this.policyFile = dataDir.resolve("policy.yaml");
        try {
            if (!Files.exists(policyFile)) {
                Files.createDirectories(dataDir);
                try (InputStream in = Node.class.getResourceAsStream("/strait-policy-default.yaml")) {
                    Files.write(policyFile, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StraitConfig loaded = new ConfigLoader(Map.of("STRAIT_EMULATOR_URL", emulator.baseUrl(),
                "STRAIT_EMULATOR_KEY", "emulator-key")).loadDefault();
        StraitConfig config = new StraitConfig(loaded.settings().withPorts(0, 0), loaded.catalog(),
                sharedDatabaseUrl == null ? null : new StraitConfig.DatabaseSettings(sharedDatabaseUrl, "postgres",
                        dev.strait.core.deploy.Secret.NONE),
                policyFile, null, limits, SHARED_PEPPER, MONITORING, screening, events, telemetry);
        strait = Strait.start(vertx, config, dataDir, log, clock, Duration.ofMillis(200));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + strait.gateway().port();
    }

    String adminUrl() {
        return "http://127.0.0.1:" + strait.gateway().adminPort();
    }

    String adminToken() {
        return strait.adminToken().value();
    }

    HttpResponse<String> admin(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adminUrl() + path))
                .header("authorization", "Bearer " + adminToken()).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(request);
    }

    JsonNode adminJson(String method, String path, String body) {
        HttpResponse<String> response = admin(method, path, body);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("admin " + method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return read(response.body());
    }

    HttpResponse<String> chat(String key, String model) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log once it holds {@code expected}: lines are written in batches, a moment after the request. */
    String awaitLog(String expected) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (!logs.toString(StandardCharsets.UTF_8).contains(expected) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return logs.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        strait.close();
        emulator.close();
        log.close();
        vertx.close().await();
    }
}
