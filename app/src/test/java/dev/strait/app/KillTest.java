package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strait.emulator.Emulator;
import dev.strait.emulator.Faults;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway process killed with SIGKILL under load loses no usage record of a response that
 * completed, and the restart doubles none.
 */
class KillTest {

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sigkillUnderLoadLosesAndDoublesNoRecord() throws Exception {
        Vertx vertx = Vertx.vertx();
        Emulator emulator = Emulator.start(vertx, "127.0.0.1", 0);
        emulator.faults(Faults.slow(400));
        Path config = dir.resolve("strait.yaml");
        try (InputStream in = KillTest.class.getResourceAsStream("/strait-default.yaml")) {
            Files.write(config, in.readAllBytes());
        }
        int port = freePort();
        int adminPort = freePort();
        Process first = start(config, emulator, port, adminPort);
        Process second = null;
        try {
            awaitReady(adminPort);
            String token = Files.readString(dir.resolve("data/admin-token")).trim();
            JsonNode org = admin(adminPort, token, "/admin/orgs",
                    "{\"legal_name\":\"Killed Inc\",\"market\":\"US\",\"kind\":\"enterprise\"}");
            String orgId = org.get("id").asText();
            admin(adminPort, token, "/admin/orgs/" + orgId + "/state", "{\"state\":\"verified\"}");
            String key = admin(adminPort, token, "/admin/keys", "{\"org\":\"" + orgId + "\"}").get("key").asText();

            ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                boolean stream = t % 2 == 0;
                clients.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> response = chat(port, key, stream);
                            boolean whole = response.statusCode() == 200
                                    && (!stream || response.body().contains("data: [DONE]"));
                            if (whole) {
                                completed.add(response.headers().firstValue("x-request-id").orElseThrow());
                            }
                        } catch (IOException e) {
                            // The gateway died mid-request: that response never completed.
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
            }
            // Kill it once enough responses completed, however busy the machine is.
            long killAt = System.nanoTime() + 30_000_000_000L;
            while (completed.size() < 25 && System.nanoTime() < killAt) {
                Thread.sleep(100);
            }
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(10, TimeUnit.SECONDS);
            assertThat(completed).hasSizeGreaterThan(20);

            second = start(config, emulator, port, adminPort);
            awaitReady(adminPort);
            Set<String> expected = new HashSet<>(completed);
            List<String> inLedger = new ArrayList<>();
            long deadline = System.nanoTime() + 20_000_000_000L;
            do {
                Thread.sleep(200);
                inLedger.clear();
                admin(adminPort, token, "/admin/usage/requests?org=" + orgId + "&limit=100000", null)
                        .get("request_ids").forEach(id -> inLedger.add(id.asText()));
            } while (!inLedger.containsAll(expected) && System.nanoTime() < deadline);

            assertThat(inLedger).as("no completed response lost").containsAll(expected);
            assertThat(new HashSet<>(inLedger)).as("none doubled").hasSameSizeAs(inLedger);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroy();
                second.waitFor(20, TimeUnit.SECONDS);
            }
            emulator.close();
            vertx.close().await();
        }
    }

    private Process start(Path config, Emulator emulator, int port, int adminPort) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                "dev.strait.app.Main", "serve", "--config", config.toString(), "--data-dir", dir.resolve("data").toString(),
                "--port", Integer.toString(port), "--admin-port", Integer.toString(adminPort));
        builder.environment().put("STRAIT_EMULATOR_URL", emulator.baseUrl());
        builder.environment().put("STRAIT_EMULATOR_KEY", "emulator-key");
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("gateway-" + System.nanoTime() + ".log").toFile());
        return builder.start();
    }

    private void awaitReady(int adminPort) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        StringBuilder logs = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().startsWith("gateway-")).sorted().toList()) {
                String text = Files.readString(log);
                logs.append("\n--- ").append(log.getFileName()).append('\n')
                        .append(text.substring(Math.max(0, text.length() - 3000)));
            }
        }
        throw new AssertionError("the gateway never became ready" + logs);
    }

    private JsonNode admin(int adminPort, String token, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .header("authorization", "Bearer " + token).header("content-type", "application/json");
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return Node.read(response.body());
    }

    private HttpResponse<String> chat(int port, String key, boolean stream) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}", StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
