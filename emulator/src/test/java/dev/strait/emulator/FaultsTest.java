package dev.strait.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsTest extends EmulatorHarness {

    private static JsonObject chat(boolean stream) {
        return new JsonObject().put("model", "gpt-4o").put("stream", stream)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "count for me")));
    }

    private static JsonObject message() {
        return new JsonObject().put("model", "claude-haiku-4-5").put("max_tokens", 100)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")));
    }

    @Test
    void rateLimitsWithARetryAfterInEachDialect() {
        emulator.faults(Faults.rateLimited(Duration.ofMillis(1500)));

        HttpResponse<String> openAi = client.openAi("/v1/chat/completions", chat(false));
        HttpResponse<String> anthropic = client.anthropic(message());

        assertThat(openAi.statusCode()).isEqualTo(429);
        assertThat(openAi.headers().firstValue("retry-after")).contains("2");
        JsonObject error = new JsonObject(openAi.body()).getJsonObject("error");
        assertThat(error.getString("type")).isEqualTo("requests");
        assertThat(error.getString("code")).isEqualTo("rate_limit_exceeded");
        assertThat(error.containsKey("param")).isTrue();
        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(anthropic.headers().firstValue("retry-after")).contains("2");
        assertThat(new JsonObject(anthropic.body()).getJsonObject("error").getString("type")).isEqualTo("rate_limit_error");
    }

    @Test
    void mapsServerFaultsToEachProvidersErrorTypes() {
        emulator.faults(Faults.status(500));
        HttpResponse<String> openAi = client.openAi("/v1/chat/completions", chat(false));
        HttpResponse<String> anthropic500 = client.anthropic(message());
        emulator.faults(Faults.status(529));
        HttpResponse<String> anthropic529 = client.anthropic(message());

        assertThat(new JsonObject(openAi.body()).getJsonObject("error").getString("type")).isEqualTo("server_error");
        assertThat(new JsonObject(anthropic500.body()).getJsonObject("error").getString("type")).isEqualTo("api_error");
        assertThat(anthropic529.statusCode()).isEqualTo(529);
        assertThat(new JsonObject(anthropic529.body()).getJsonObject("error").getString("type")).isEqualTo("overloaded_error");
    }

    @Test
    void resetClosesTheConnectionWithoutAnyResponse() throws Exception {
        emulator.faults(Faults.reset());

        byte[] received = client.raw("/v1/chat/completions", chat(false), "Authorization: " + TestClient.OPENAI_KEY, 1 << 20);

        assertThat(received).isEmpty();
        assertThatThrownBy(() -> client.openAi("/v1/chat/completions", chat(false))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void cutsTheStreamAfterNContentChunksWithoutDone() throws Exception {
        emulator.faults(Faults.cutAfter(3));

        String received = new String(client.raw("/v1/chat/completions", chat(true),
                "Authorization: " + TestClient.OPENAI_KEY, 1 << 20), StandardCharsets.UTF_8);

        assertThat(received).startsWith("HTTP/1.1 200");
        assertThat(received).doesNotContain("[DONE]").doesNotContain("finish_reason\":\"stop");
        assertThat(received.split("\"content\":\"", -1)).hasSize(1 + 1 + 3); // role chunk + three content chunks
        assertThat(received).doesNotEndWith("0\r\n\r\n");
        assertThat(emulator.stats().completedStreams()).isZero();
        assertThat(emulator.stats().cancelledStreams()).isZero();
    }

    @Test
    void cutsAnAnthropicStreamBeforeMessageStop() throws Exception {
        emulator.faults(Faults.cutAfter(2));

        String received = new String(client.raw("/v1/messages", message().put("stream", true), "x-api-key: k", 1 << 20),
                StandardCharsets.UTF_8);

        assertThat(received).contains("event: message_start").doesNotContain("message_stop");
        assertThat(received.split("event: content_block_delta", -1)).hasSize(3);
    }

    @Test
    void countsAStreamTheClientAbandonsMidway() throws Exception {
        emulator.faults(Faults.slow(20));

        client.raw("/v1/chat/completions", chat(true), "Authorization: " + TestClient.OPENAI_KEY, 400);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (emulator.stats().cancelledStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(emulator.stats().cancelledStreams()).isEqualTo(1);
        assertThat(emulator.stats().completedStreams()).isZero();
    }

    @Test
    void pacesTheStreamToTheTokenRate() throws Exception {
        emulator.faults(Faults.slow(200));
        long started = System.nanoTime();

        client.openAi("/v1/chat/completions", chat(true));

        // 20 tokens at 200 per second: about 100 ms, never instantly.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        // The emulator counts the stream once its end is written, which may be just after the client read it.
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (emulator.stats().completedStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(emulator.stats().completedStreams()).isEqualTo(1);
    }

    @Test
    void waitsTheLatencyBeforeAnswering() {
        emulator.faults(Faults.latency(Duration.ofMillis(200)));
        long started = System.nanoTime();

        HttpResponse<String> response = client.openAi("/v1/chat/completions", chat(false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    @Test
    void acceptsFaultsOverHttpAndPerRequestHeaders() {
        HttpResponse<String> put = client.put("/_emulator/faults", new JsonObject().put("fail_status", 503));
        HttpResponse<String> failing = client.openAi("/v1/chat/completions", chat(false));
        HttpResponse<String> overridden = client.post("/v1/chat/completions", chat(false),
                "authorization", TestClient.OPENAI_KEY, "x-emulator-fault", "{\"fail_status\":429,\"retry_after_s\":7}");
        JsonObject stats = new JsonObject(client.get("/_emulator/stats").body());

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(emulator.faults().failStatus()).isEqualTo(503);
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(overridden.statusCode()).isEqualTo(429);
        assertThat(overridden.headers().firstValue("retry-after")).contains("7");
        assertThat(stats.getLong("requests")).isEqualTo(2);
    }

    @Test
    void rejectsAFaultPlanWithAnUnknownKey() {
        HttpResponse<String> put = client.put("/_emulator/faults", new JsonObject().put("fail_satus", 503));

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(emulator.faults()).isEqualTo(Faults.none());
    }
}
