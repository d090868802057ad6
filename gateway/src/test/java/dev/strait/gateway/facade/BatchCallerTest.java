package dev.strait.gateway.facade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.core.usage.UsageRecord;
import dev.strait.gateway.ApiServices;
import dev.strait.gateway.Gateway;
import dev.strait.gateway.GatewayHarness;
import dev.strait.gateway.Tenants;
import dev.strait.gateway.auth.InternalCaller;
import dev.strait.gateway.limit.LocalCounters;
import dev.strait.gateway.responses.ResponseStore;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests the node sends on a caller's behalf (batch lines) carry the internal secret and a key
 * id: they are served, metered and handed to monitoring as that key's, at the batch price.
 */
class BatchCallerTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();
    static final String SECRET = "internal-secret-for-tests";
    static Gateway node;

    @BeforeAll
    static void start() {
        node = harness.replica(new LocalCounters(),
                new ApiServices(ResponseStore.inMemory(100), ApiServices.memoryOnly().hosted(), SECRET));
    }

    static HttpResponse<String> chat(String secret, String keyId, String requestId) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port()
                            + "/v1/chat/completions"))
                    .header("content-type", "application/json").header("x-request-id", requestId)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"));
            if (secret != null) {
                request.header(InternalCaller.SECRET_HEADER, secret).header(InternalCaller.KEY_HEADER, keyId);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static String usKeyId() {
        return Tenants.snapshot().lookup(GatewayHarness.KEY, java.time.Instant.now()) instanceof
                dev.strait.core.access.AccessSnapshot.Lookup.Found found ? found.principal().key().id() : null;
    }

    @Test
    void servesABatchLineAsItsKeyAndPricesItAtTheBatchPrice() throws Exception {
        HttpResponse<String> response = chat(SECRET, usKeyId(), "batch_1-line-a");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(harness.usage).hasSize(1);
        UsageRecord record = harness.usage.getFirst();
        assertThat(record.requestId()).isEqualTo("batch_1-line-a");
        assertThat(record.orgId()).isEqualTo("org_us");
        BigDecimal live = new BigDecimal("2.50").multiply(BigDecimal.valueOf(record.inputTokens()))
                .add(new BigDecimal("10.00").multiply(BigDecimal.valueOf(record.outputTokens())))
                .divide(BigDecimal.valueOf(1_000_000));
        assertThat(record.cost()).isEqualByComparingTo(live.multiply(new BigDecimal("0.5")));
        // Monitoring and provenance see it like any request of that organization.
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (harness.traffic.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(harness.traffic).singleElement().satisfies(t -> assertThat(t.orgId()).isEqualTo("org_us"));
    }

    @Test
    void refusesTheInternalHeaderWithAnyOtherSecretAndNeverTrustsItWhereThereIsNone() throws Exception {
        HttpResponse<String> forged = chat("guessed", usKeyId(), "forged-1");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("invalid_internal_credential");
        assertThat(harness.healthy.stats().requests()).isZero();

        // The harness's own gateway has no internal secret: the header is refused there too.
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(harness.baseUrl()
                            + "/v1/chat/completions")).header(InternalCaller.SECRET_HEADER, SECRET)
                    .header(InternalCaller.KEY_HEADER, usKeyId()).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"messages\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isIn(400, 401);
        }
        assertThat(chat(SECRET, "key_unknown", "x-2").statusCode()).isEqualTo(401);
    }
}
