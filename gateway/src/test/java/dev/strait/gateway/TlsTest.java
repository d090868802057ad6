package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.strait.core.deploy.Catalog;
import dev.strait.core.deploy.Deployment;
import dev.strait.core.deploy.Provider;
import dev.strait.core.deploy.ProviderKind;
import dev.strait.core.deploy.Secret;
import dev.strait.emulator.Emulator;
import dev.strait.gateway.limit.LocalCounters;
import dev.strait.gateway.observe.JsonLog;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS on both listeners, and to upstreams with their certificates verified: a certificate authority,
 * server certificates and HTTPS emulators are made at test time.
 */
class TlsTest {

    static final Vertx vertx = Vertx.vertx();
    static final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    static final List<dev.strait.core.usage.UsageRecord> usage = new CopyOnWriteArrayList<>();
    static TestCertificates ca;
    static Emulator trusted;
    static Emulator misnamed;
    static Emulator rogue;
    static Gateway gateway;
    static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        Path dir = Files.createTempDirectory("strait-tls");
        ca = TestCertificates.authority(dir, "Strait Test CA");
        TestCertificates rogueCa = TestCertificates.authority(dir, "Rogue CA");
        TestCertificates.Issued local = ca.issue("local", "localhost", "127.0.0.1");
        TestCertificates.Issued elsewhere = ca.issue("elsewhere", "upstream.example");
        TestCertificates.Issued forged = rogueCa.issue("forged", "localhost", "127.0.0.1");
        trusted = Emulator.startTls(vertx, "127.0.0.1", 0, local.cert().toString(), local.key().toString());
        misnamed = Emulator.startTls(vertx, "127.0.0.1", 0, elsewhere.cert().toString(), elsewhere.key().toString());
        rogue = Emulator.startTls(vertx, "127.0.0.1", 0, forged.cert().toString(), forged.key().toString());

        Provider ownCa = new Provider("own-ca", ProviderKind.OPENAI, null, ca.caFile());
        Provider systemTrust = new Provider("system", ProviderKind.OPENAI, null);
        Provider anthropicOwnCa = new Provider("anthropic-own-ca", ProviderKind.ANTHROPIC, "2023-06-01", ca.caFile());
        Catalog catalog = new Catalog(List.of(
                deployment("tls-ok", "tls-gpt", ownCa, trusted, 1),
                deployment("tls-system", "system-gpt", systemTrust, trusted, 1),
                deployment("tls-misnamed", "misnamed-gpt", ownCa, misnamed, 1),
                deployment("tls-rogue", "rogue-claude", anthropicOwnCa, rogue, 1),
                deployment("fo-rogue", "fo-gpt", ownCa, rogue, 1),
                deployment("fo-trusted", "fo-gpt", ownCa, trusted, 2)), Map.of());
        GatewaySettings settings = GatewaySettings.defaults().withPorts(0, 0).withBreaker(1000, Duration.ofSeconds(10))
                .withAdminToken(new Secret(GatewayHarness.ADMIN_TOKEN)).withTls(local.listener());
        JsonLog log = new JsonLog(new PrintStream(logs, true, StandardCharsets.UTF_8), Clock.systemUTC(), 10_000);
        gateway = new Gateway(vertx, settings, catalog, new ControlPlane(Tenants::snapshot, Tenants::permissivePolicy,
                () -> GatewayHarness.PRICES, () -> usage::add, new LocalCounters(), dev.strait.gateway.traffic.TrafficSink.NONE, null,
                ApiServices.memoryOnly()),
                log, Clock.systemUTC(), new Random(7)).start();
        client = HttpClient.newBuilder().sslContext(ca.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        trusted.close();
        misnamed.close();
        rogue.close();
        vertx.close().await();
    }

    static Deployment deployment(String name, String model, Provider provider, Emulator emulator, int priority) {
        return new Deployment(name, model, provider, URI.create(emulator.baseUrl() + "/v1"), "us-east",
                new Secret("sk-upstream-" + name), "gpt-4o", priority, 1, 1024);
    }

    static String gatewayUrl(String path) {
        return "https://localhost:" + gateway.port() + path;
    }

    static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(gatewayUrl(path))).timeout(Duration.ofSeconds(20))
                .headers(headers).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOfficialSdkReachesTheGatewayOverTlsAndTheGatewayReachesATrustedUpstreamOverTls() {
        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(gatewayUrl("/v1")).apiKey(GatewayHarness.KEY)
                .sslSocketFactory(ca.clientContext().getSocketFactory()).trustManager(ca.trustManager())
                .maxRetries(0).build();
        try {
            ChatCompletion completion = sdk.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("tls-gpt").addUserMessage("Name a river.").maxCompletionTokens(20).build());

            assertThat(completion.choices().getFirst().message().content()).isPresent();
            assertThat(trusted.stats().requests()).isPositive();
        } finally {
            sdk.close();
        }
    }

    @Test
    void refusesAnUpstreamWhoseCertificateNoTrustedAuthoritySignedWithA502InTheCallersDialect() throws Exception {
        long reachedBefore = rogue.stats().requests();

        HttpResponse<String> systemTrust = post("/v1/chat/completions", Http.chatBody("system-gpt", false), Http.bearer());
        HttpResponse<String> anthropic = post("/v1/messages", Http.messagesBody("rogue-claude", false), Http.anthropic());

        assertThat(systemTrust.statusCode()).isEqualTo(502);
        assertThat(systemTrust.body()).contains("\"code\":\"upstream_tls_refused\"")
                .contains("not signed by a trusted authority").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(anthropic.statusCode()).isEqualTo(502);
        assertThat(anthropic.body()).contains("\"type\":\"error\"").contains("not signed by a trusted authority")
                .doesNotContain("Exception");
        assertThat(rogue.stats().requests()).as("no request crossed a refused handshake").isEqualTo(reachedBefore);
    }

    @Test
    void refusesAnUpstreamWhoseCertificateNamesAnotherHost() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", Http.chatBody("misnamed-gpt", false), Http.bearer());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("upstream_tls_refused").contains("does not name the host");
        assertThat(misnamed.stats().requests()).isZero();
    }

    @Test
    void aRefusedUpstreamFailsOverToATrustedOne() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", Http.chatBody("fo-gpt", true), Http.bearer());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-strait-deployment")).hasValue("fo-trusted");
        assertThat(response.body()).contains("[DONE]");
    }

    @Test
    void bothListenersServeOnlyTls() throws Exception {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + gateway.adminPort() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int port : new int[] {gateway.port(), gateway.adminPort()}) {
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
        HttpClient trustsNothingOfOurs = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> trustsNothingOfOurs.send(HttpRequest.newBuilder(URI.create(gatewayUrl("/v1/models")))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(javax.net.ssl.SSLException.class);
    }
}
