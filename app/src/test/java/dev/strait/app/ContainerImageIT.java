package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image as a runtime would see it: the tarball Jib wrote (profile "image"),
 * its configuration, and its layers unpacked into a root file system in which the entrypoint
 * runs as the image's user, under {@code unshare --root} (a chroot in a user namespace, so no
 * privilege is needed), against a PostgreSQL outside it, as in Kubernetes.
 * Runs only in {@code -Pimage verify}, after the image is built; see app/pom.xml.
 */
class ContainerImageIT {

    @TempDir
    static Path work;
    static ImageTarball image;
    static Path rootfs;

    @BeforeAll
    static void unpack() throws Exception {
        Path tar = Path.of(System.getProperty("strait.image.tar", "target/strait-image.tar"));
        assertThat(tar).as("the image tarball; build it with ./mvnw -Pimage -pl app -am verify").exists();
        image = ImageTarball.open(tar, work.resolve("layout"));
        rootfs = image.unpackLayers(work.resolve("rootfs"));
    }

    @Test
    void runsAsAnUnprivilegedNumericUserWithTheGatewayAsEntrypoint() {
        JsonNode config = image.config().get("config");
        String[] user = config.get("User").asText().split(":");
        assertThat(Integer.parseInt(user[0])).as("uid").isPositive();
        assertThat(Integer.parseInt(user[1])).as("gid").isPositive();
        assertThat(strings(config.get("Entrypoint"))).startsWith("/opt/java/bin/java").endsWith("dev.strait.app.Main");
        assertThat(strings(config.get("Cmd"))).containsExactly("serve", "--config", "/etc/strait/strait.yaml",
                "--data-dir", "/var/lib/strait");
        assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.get("ExposedPorts").has("8081/tcp")).isTrue();
        assertThat(config.get("Labels").get("org.opencontainers.image.title").asText()).isEqualTo("strait");
        assertThat(config.get("Labels").get("dev.strait.health.liveness").asText()).isEqualTo(":8081/healthz");
        assertThat(config.get("Labels").get("dev.strait.health.readiness").asText()).isEqualTo(":8081/readyz");
        assertThat(image.tags()).containsExactly("strait:0.1.0-SNAPSHOT");
    }

    @Test
    void carriesItsOwnJavaRuntimeAndTheLibrariesItLoads() throws IOException {
        assertThat(rootfs.resolve("opt/java/bin/java")).isExecutable();
        assertThat(rootfs.resolve("lib64/ld-linux-x86-64.so.2")).exists();
        assertThat(rootfs.resolve("lib/x86_64-linux-gnu/libc.so.6")).exists();
        assertThat(Files.readString(rootfs.resolve("etc/passwd"))).contains(":10001:10001:");
        assertThat(Files.readString(rootfs.resolve("app/jib-classpath-file"))).contains("strait-gateway");
    }

    @Test
    void theEntrypointServesHealthReadinessAndAChatInsideTheImage() throws Exception {
        try (Node database = new Node(work.resolve("outside"))) {
            // The key is made by a node outside the image; the one inside finds it in the shared database.
            JsonNode org = database.adminJson("POST", "/admin/orgs",
                    "{\"legal_name\":\"Containerized GmbH\",\"market\":\"US\",\"kind\":\"enterprise\"}");
            database.adminJson("POST", "/admin/orgs/" + org.get("id").asText() + "/state", "{\"state\":\"verified\"}");
            String key = database.adminJson("POST", "/admin/keys", "{\"org\":\"" + org.get("id").asText() + "\"}")
                    .get("key").asText();

            int port = freePort();
            int adminPort = freePort();
            Files.writeString(rootfs.resolve("etc/strait/strait.yaml"), configuration(port, adminPort,
                    database.strait.jdbcUrl().replace("127.0.0.1", "localhost"), database.emulator.baseUrl()));
            Path output = work.resolve("container.log");
            Process container = start(Map.of("STRAIT_ADMIN_TOKEN", "admin-token-for-the-image-test",
                    "STRAIT_KEY_PEPPER", Node.SHARED_PEPPER.value(), "STRAIT_PROVIDER_KEY", "emulator-key"), output);
            try {
                String admin = "http://127.0.0.1:" + adminPort;
                HttpResponse<String> ready = awaitReady(admin + "/readyz", container, output);
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(Node.send(HttpRequest.newBuilder(URI.create(admin + "/healthz"))).statusCode()).isEqualTo(200);

                HttpResponse<String> chat = Node.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + key).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")));
                assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
                assertThat(chat.body()).contains("chat.completion");

                // What a kubelet does on a rolling update: SIGTERM to the entrypoint, which drains and exits.
                container.descendants().forEach(ProcessHandle::destroy);
                assertThat(container.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
            } finally {
                // unshare itself ignores SIGTERM while its child runs; --kill-child ends the child with it.
                container.descendants().forEach(ProcessHandle::destroyForcibly);
                container.destroyForcibly().waitFor();
            }
        }
    }

    /** The image's entrypoint and command, as its user, in its root file system with a fresh /proc. */
    private static Process start(Map<String, String> secrets, Path output) throws IOException {
        JsonNode config = image.config().get("config");
        String[] user = config.get("User").asText().split(":");
        List<String> command = new ArrayList<>(List.of("unshare", "--user", "--map-user=" + user[0],
                "--map-group=" + user[1], "--mount", "--pid", "--fork", "--kill-child", "--mount-proc=/proc",
                "--root=" + rootfs, "--wd=" + config.get("WorkingDir").asText()));
        command.addAll(strings(config.get("Entrypoint")));
        command.addAll(strings(config.get("Cmd")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        for (JsonNode variable : config.get("Env")) {
            String[] pair = variable.asText().split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        builder.environment().putAll(secrets);
        return builder.start();
    }

    private static HttpResponse<String> awaitReady(String url, Process container, Path output) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!container.isAlive()) {
                throw new AssertionError("the container exited with " + container.exitValue() + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            try {
                HttpResponse<String> response = Node.send(HttpRequest.newBuilder(URI.create(url)));
                if (response.statusCode() == 200) {
                    return response;
                }
            } catch (RuntimeException notYetListening) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within 90 s:\n" + Files.readString(output, StandardCharsets.UTF_8));
    }

    private static String configuration(int port, int adminPort, String jdbcUrl, String emulator) {
        StringBuilder yaml = new StringBuilder("""
                server:
                  listen: 127.0.0.1:%d
                  admin_listen: 127.0.0.1:%d
                  admin_token: ${STRAIT_ADMIN_TOKEN}
                keys:
                  pepper: ${STRAIT_KEY_PEPPER}
                database:
                  url: %s
                  user: postgres
                providers:
                  - {name: openai, kind: openai}
                deployments:
                """.formatted(port, adminPort, jdbcUrl));
        for (String region : List.of("us-east", "eu-west", "singapore")) {
            yaml.append("""
                      - name: gpt-4o-%s
                        model: gpt-4o
                        provider: openai
                        endpoint: %s/v1
                        credential: ${STRAIT_PROVIDER_KEY}
                        region: %s
                    """.formatted(region, emulator, region));
        }
        return yaml.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
