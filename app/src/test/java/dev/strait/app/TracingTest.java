package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strait.gateway.telemetry.TelemetrySettings;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request traces from a real node to a real OTLP/HTTP endpoint: GenAI attributes, Strait's own,
 * and prompt text only for a market whose policy lets content be stored (here US: full; EU: nothing).
 */
class TracingTest {

    private static final String SECRET_PROMPT = "the secret recipe is saffron and cardamom";

    @TempDir
    static Path dir;
    static OtlpReceiver collector;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        collector = new OtlpReceiver();
        Path data = dir.resolve("node");
        Files.createDirectories(data);
        try (InputStream in = TracingTest.class.getResourceAsStream("/strait-policy-default.yaml")) {
            String policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String usStorage = "storage: {content: metadata, retention_days: 90}";
            assertThat(policy).contains(usStorage);
            Files.writeString(data.resolve("policy.yaml"),
                    policy.replace(usStorage, "storage: {content: full, retention_days: 90}"));
        }
        node = new Node(data, null, dev.strait.app.config.StraitConfig.LimitsSettings.MEMORY,
                dev.strait.app.config.StraitConfig.ScreeningSettings.NONE, Clock.systemUTC(),
                new TelemetrySettings(URI.create(collector.endpoint()), 1.0, "strait-under-test"));
    }

    @AfterAll
    static void stop() {
        node.close();
        collector.close();
    }

    @Test
    void aChatIsTracedWithGenAiAttributesAndNoPromptTextForAMarketThatForbidsStoringContent() throws Exception {
        String key = customer("Vertraulich GmbH", "EU");
        HttpResponse<String> answer = chat(key, "gpt-4o", null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        Span span = collector.await(s -> requestId(answer).equals(OtlpReceiver.attributes(s).get("strait.request.id")));
        Map<String, Object> attributes = OtlpReceiver.attributes(span);
        JsonNode usage = Node.read(answer.body()).get("usage");

        assertThat(span.getName()).isEqualTo("chat gpt-4o");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(span.getEndTimeUnixNano()).isGreaterThan(span.getStartTimeUnixNano());
        assertThat(attributes).containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "azure.ai.openai")
                .containsEntry("gen_ai.system", "azure.ai.openai")
                .containsEntry("gen_ai.request.model", "gpt-4o")
                .containsEntry("gen_ai.response.model", "gpt-4o")
                .containsEntry("gen_ai.usage.input_tokens", usage.get("prompt_tokens").asLong())
                .containsEntry("gen_ai.usage.output_tokens", usage.get("completion_tokens").asLong())
                .containsEntry("gen_ai.request.max_tokens", 20L)
                .containsEntry("gen_ai.request.temperature", 0.25)
                .containsEntry("server.address", "127.0.0.1")
                .containsEntry("http.response.status_code", 200L)
                .containsEntry("strait.market", "EU")
                .containsEntry("strait.region", "eu-west")
                .containsEntry("strait.policy.decision", "allow")
                .containsEntry("strait.content", "withheld")
                .containsKey("strait.org.id")
                .doesNotContainKeys("gen_ai.input.messages", "gen_ai.output.messages", "error.type");
        assertThat(collector.resources()).anySatisfy(resource ->
                assertThat(resource).containsEntry("service.name", "strait-under-test"));
        // No span of a market that forbids content carries the customer's words, in any field, as sent.
        assertThat(collector.spans()).filteredOn(s -> "EU".equals(OtlpReceiver.attributes(s).get("strait.market")))
                .isNotEmpty().allSatisfy(s -> assertThat(s.toByteString().toStringUtf8()).doesNotContain("saffron"));
    }

    @Test
    void thePromptIsExportedOnlyWhereTheMarketLetsContentBeStored() throws Exception {
        String key = customer("Open Kitchen Inc", "US");
        HttpResponse<String> answer = chat(key, "gpt-4o", null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        Span span = collector.await(s -> requestId(answer).equals(OtlpReceiver.attributes(s).get("strait.request.id")));
        Map<String, Object> attributes = OtlpReceiver.attributes(span);

        assertThat(attributes).containsEntry("strait.market", "US").containsEntry("strait.content", "included")
                .containsEntry("gen_ai.provider.name", "openai");
        assertThat((String) attributes.get("gen_ai.input.messages")).contains(SECRET_PROMPT);
    }

    @Test
    void aDeniedRequestIsTracedWithTheRuleThatDeniedItAndAsAnError() throws Exception {
        String key = customer("Shenzhen Robotics Ltd", "CN");
        HttpResponse<String> denied = chat(key, "claude-sonnet-4-5", null);
        assertThat(denied.statusCode()).isEqualTo(403);

        Span span = collector.await(s -> requestId(denied).equals(OtlpReceiver.attributes(s).get("strait.request.id")));
        Map<String, Object> attributes = OtlpReceiver.attributes(span);

        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(attributes).containsEntry("strait.policy.decision", "deny")
                .containsEntry("error.type", "model_not_available_in_market")
                .containsEntry("strait.market", "CN")
                .doesNotContainKeys("gen_ai.provider.name", "server.address");
        assertThat((String) attributes.get("strait.policy.rule")).contains("markets.CN");
    }

    @Test
    void aCallersTraceContextMakesTheRequestSpanItsChild() throws Exception {
        String key = customer("Traced Systems BV", "EU");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentId = "00f067aa0ba902b7";
        HttpResponse<String> answer = chat(key, "gpt-4o", "00-" + traceId + "-" + parentId + "-01");

        Span span = collector.await(s -> requestId(answer).equals(OtlpReceiver.attributes(s).get("strait.request.id")));

        assertThat(HexFormat.of().formatHex(span.getTraceId().toByteArray())).isEqualTo(traceId);
        assertThat(HexFormat.of().formatHex(span.getParentSpanId().toByteArray())).isEqualTo(parentId);
    }

    private static String customer(String name, String market) {
        JsonNode org = node.adminJson("POST", "/admin/orgs",
                "{\"legal_name\":\"" + name + "\",\"market\":\"" + market + "\",\"kind\":\"enterprise\"}");
        node.adminJson("POST", "/admin/orgs/" + org.get("id").asText() + "/state", "{\"state\":\"verified\"}");
        return node.adminJson("POST", "/admin/keys", "{\"org\":\"" + org.get("id").asText() + "\"}").get("key").asText();
    }

    private static HttpResponse<String> chat(String key, String model, String traceparent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":20,"
                        + "\"temperature\":0.25,\"messages\":[{\"role\":\"user\",\"content\":\"" + SECRET_PROMPT + "\"}]}"));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return Node.send(request);
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("x-request-id").orElseThrow();
    }
}
