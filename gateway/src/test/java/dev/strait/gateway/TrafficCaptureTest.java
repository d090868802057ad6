package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.gateway.traffic.ResponseText;
import dev.strait.gateway.traffic.ServedRequest;
import dev.strait.gateway.traffic.TrafficQueue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every served request is handed on, once, with what monitoring and provenance need: who, from
 * where, the request, and the response raw in the caller's dialect.
 */
class TrafficCaptureTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();

    @Test
    void aNonStreamedAnswerIsHandedOnWithItsBodyAndWhoAskedFromWhere() {
        var response = Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("gpt-4o", false),
                "authorization", "Bearer " + GatewayHarness.KEY, "content-type", "application/json",
                "user-agent", "OpenAI/Java 4.1");

        assertThat(harness.traffic).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(response.headers().firstValue("x-request-id").orElseThrow());
            assertThat(r.orgId()).isEqualTo("org_us");
            assertThat(r.market()).isEqualTo("US");
            assertThat(r.model()).isEqualTo("gpt-4o");
            assertThat(r.endpoint()).isEqualTo("/v1/chat/completions");
            assertThat(r.clientIp()).isEqualTo("127.0.0.1");
            assertThat(r.userAgent()).isEqualTo("OpenAI/Java 4.1");
            assertThat(r.requestBody().path("messages").get(0).path("content").asText()).isEqualTo("Say something long.");
            assertThat(new String(r.responseBody(), StandardCharsets.UTF_8)).isEqualTo(response.body());
            assertThat(r.responseEvents()).isNull();
            assertThat(r.outputTokens()).isPositive();
        });
    }

    @Test
    void aStreamIsHandedOnAsTheEventsTheCallerReceived() {
        var response = Http.post(harness.baseUrl() + "/v1/messages", Http.messagesBody("claude-sonnet-4-5", true),
                Http.anthropic());

        assertThat(harness.traffic).singleElement().satisfies(r -> {
            assertThat(r.anthropicDialect()).isTrue();
            assertThat(r.responseBody()).isNull();
            assertThat(r.responseEvents()).isNotEmpty().allSatisfy(data -> assertThat(response.body()).contains(data));
            assertThat(r.responseEvents()).anySatisfy(data -> assertThat(data).contains("content_block_delta"));
        });
    }

    @Test
    void theAnswersTextIsReadTheSameFromEitherDialectStreamedOrNot() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var chat = Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("gpt-4o", false), Http.bearer());
        String expected = mapper.readTree(chat.body()).path("choices").get(0).path("message").path("content").asText();
        Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("gpt-4o", true), Http.bearer());
        Http.post(harness.baseUrl() + "/v1/messages", Http.messagesBody("gpt-4o", false), Http.anthropic());
        Http.post(harness.baseUrl() + "/v1/messages", Http.messagesBody("gpt-4o", true), Http.anthropic());

        assertThat(harness.traffic).hasSize(4).allSatisfy(r -> {
            ResponseText answer = ResponseText.of(r);
            assertThat(answer.text()).as("the emulator answers the same prompt the same way").isEqualTo(expected);
            assertThat(answer.finishReason()).isIn("stop", "end_turn");
        });
    }

    @Test
    void aRefusedRequestIsNotHandedOn() {
        Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("no-such-model", false), Http.bearer());

        assertThat(harness.traffic).isEmpty();
    }

    @Test
    void theQueueNeverBlocksAndCountsWhatItDropsWhenItsWorkerFallsBehind() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TrafficQueue queue = new TrafficQueue(2, r -> {
            await(release);
            seen.add(r.id());
        }, e -> { })) {
            for (int i = 0; i < 10; i++) {
                queue.offer(request("r" + i));
            }
            assertThat(queue.dropped()).as("the worker holds one, two wait, the rest are dropped").isBetween(7L, 8L);
            release.countDown();
        }
        assertThat(seen).hasSizeBetween(2, 3).startsWith("r0");
    }

    static ServedRequest request(String id) {
        return new ServedRequest(id, Instant.EPOCH, "o", null, "k", "US", "m", "/v1/chat/completions", null, null,
                null, 200, false, null, null, 0, 0);
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
