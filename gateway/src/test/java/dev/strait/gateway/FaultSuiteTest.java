package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.core.usage.UsageRecord;
import dev.strait.emulator.Faults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults under concurrent load, each with the promises that must hold through it: no client error
 * while a healthy permitted deployment exists, exactly one usage record per answered request, and
 * recovery without a restart. Mid-stream cuts and single-request failover are in {@link FailoverTest},
 * {@link StreamingTest} and {@link MeteringTest}.
 */
class FaultSuiteTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();

    /**
     * An idle timeout short enough for latency spikes and trickles to trip it in a test, long enough
     * for a healthy emulator on a busy two-core machine to answer a cold burst (400 ms was not).
     */
    @RegisterExtension
    static final GatewayHarness impatient = new GatewayHarness(GatewaySettings.defaults().withPorts(0, 0)
            .withBreaker(1000, Duration.ofSeconds(10)).withIdleTimeout(Duration.ofMillis(1_000)));

    static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static CompletableFuture<HttpResponse<String>> send(String path, String body, String... headers) {
        return send(harness, path, body, headers);
    }

    static CompletableFuture<HttpResponse<String>> send(GatewayHarness to, String path, String body, String... headers) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create(to.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .headers(headers).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code n} requests at once, half streamed, alternating dialects when {@code dialects} says so. */
    static List<HttpResponse<String>> burst(int n, IntFunction<CompletableFuture<HttpResponse<String>>> request) {
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pending.add(request.apply(i));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    static CompletableFuture<HttpResponse<String>> failoverPair(int i) {
        return failoverPair(harness, i);
    }

    static CompletableFuture<HttpResponse<String>> failoverPair(GatewayHarness to, int i) {
        return i % 4 < 2
                ? send(to, "/v1/chat/completions", Http.chatBody("failover-gpt", i % 2 == 0), Http.bearer())
                : send(to, "/v1/messages", Http.messagesBody("failover-claude", i % 2 == 0), Http.anthropic());
    }

    static void assertMeteredExactlyOnce(List<HttpResponse<String>> responses) {
        assertMeteredExactlyOnce(harness, responses);
    }

    /** Every answered request has exactly one usage record, and no record belongs to no request. */
    static void assertMeteredExactlyOnce(GatewayHarness harness, List<HttpResponse<String>> responses) {
        List<String> ids = responses.stream().map(r -> r.headers().firstValue("x-request-id").orElseThrow()).toList();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (harness.usage.size() < ids.size() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<String> metered = harness.usage.stream().map(UsageRecord::requestId).toList();
        assertThat(metered).as("one record per answered request").hasSize(ids.size()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    static void assertAllServedBy(List<HttpResponse<String>> responses, String... deployments) {
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-strait-deployment")).get().isIn((Object[]) deployments);
            assertThat(r.body()).doesNotContain("event: error").doesNotContain("\"error\"");
        });
    }

    @Test
    void aStormOf429sIsServedByTheHealthyDeploymentMeteredOnceAndThePrimaryReturnsAfter() {
        harness.faulty.faults(Faults.rateLimited(Duration.ofSeconds(2)));

        List<HttpResponse<String>> storm = burst(120, FaultSuiteTest::failoverPair);

        assertAllServedBy(storm, "fo-openai-secondary", "fo-anthropic-secondary");
        assertMeteredExactlyOnce(storm);
        assertThat(harness.faulty.stats().requests()).as("every request tried the primary first").isEqualTo(120);

        // 429 is the provider's back-pressure, not a fault: the primary's circuit stays closed.
        harness.resetFaults();
        HttpResponse<String> after = Http.post(harness.baseUrl() + "/v1/chat/completions",
                Http.chatBody("failover-gpt", false), Http.bearer());
        assertThat(after.headers().firstValue("x-strait-deployment")).hasValue("fo-openai-primary");
    }

    @Test
    void whenEveryPermittedDeploymentAnswers429TheCallerGetsA429InItsDialectWithRetryAfter() {
        harness.faulty.faults(Faults.rateLimited(Duration.ofSeconds(7)));

        List<HttpResponse<String>> openAi = burst(20, i -> send("/v1/chat/completions",
                Http.chatBody("faulty-gpt", i % 2 == 0), Http.bearer()));
        List<HttpResponse<String>> anthropic = burst(20, i -> send("/v1/messages",
                Http.messagesBody("faulty-claude", i % 2 == 0), Http.anthropic()));

        assertThat(openAi).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("retry-after")).hasValue("7");
            assertThat(r.body()).contains("\"code\":\"upstream_rate_limited\"").doesNotContain("Exception");
        });
        assertThat(anthropic).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("retry-after")).hasValue("7");
            assertThat(r.body()).contains("\"type\":\"error\"").contains("rate_limit_error");
        });
        assertThat(harness.usage).as("nothing served, nothing metered").isEmpty();
    }

    @Test
    void latencySpikesFailOverWithinTheTimeoutAndEachRequestIsMeteredOnce() {
        impatient.faulty.faults(Faults.latency(Duration.ofSeconds(5)));
        long started = System.nanoTime();

        List<HttpResponse<String>> spiked = burst(60, i -> failoverPair(impatient, i));

        assertThat((System.nanoTime() - started) / 1_000_000).as("ms for the whole burst").isLessThan(4_000);
        assertAllServedBy(spiked, "fo-openai-secondary", "fo-anthropic-secondary");
        assertMeteredExactlyOnce(impatient, spiked);

        impatient.resetFaults();
        impatient.usage.clear();
        List<HttpResponse<String>> calm = burst(8, i -> failoverPair(impatient, i));
        assertAllServedBy(calm, "fo-openai-primary", "fo-anthropic-primary");
        assertMeteredExactlyOnce(impatient, calm);
    }

    @Test
    void aStreamThatTricklesSlowerThanTheIdleTimeoutEndsWithAnErrorEventAndIsMeteredOnceAsEstimated() {
        // One token every 2 s: a gap between chunks longer than the 1 s idle timeout.
        impatient.faulty.faults(Faults.slow(0.5));

        HttpResponse<String> openAi = send(impatient, "/v1/chat/completions", Http.chatBody("faulty-gpt", true),
                Http.bearer()).join();
        HttpResponse<String> anthropic = send(impatient, "/v1/messages", Http.messagesBody("faulty-claude", true),
                Http.anthropic()).join();

        assertThat(openAi.statusCode()).isEqualTo(200);
        assertThat(openAi.body()).contains("upstream_stream_interrupted").contains("no data from the upstream");
        assertThat(anthropic.body()).contains("event: error").contains("no data from the upstream");
        assertMeteredExactlyOnce(impatient, List.of(openAi, anthropic));
        // Anthropic's message_start already said output_tokens: 1; a cut stream is still counted, and says so.
        assertThat(impatient.usage).allSatisfy(r -> assertThat(r.estimated()).isTrue());
    }

    @Test
    void aStreamThatTricklesFasterThanTheIdleTimeoutCompletes() {
        impatient.faulty.faults(Faults.slow(40));

        HttpResponse<String> response = send(impatient, "/v1/chat/completions", Http.chatBody("faulty-gpt", true),
                Http.bearer()).join();

        assertThat(response.body()).contains("[DONE]").doesNotContain("\"error\"");
        assertMeteredExactlyOnce(impatient, List.of(response));
    }

    @Test
    void fiveHundredsAndResetsChangingUnderLoadLeaveNoClientErrorAndNoDoubleRecord() throws Exception {
        List<Faults> cycle = List.of(Faults.status(500), Faults.reset(), Faults.status(503), Faults.cutAfter(0),
                Faults.none());
        CompletableFuture<Void> chaos = CompletableFuture.runAsync(() -> {
            for (int round = 0; round < 20; round++) {
                harness.faulty.faults(cycle.get(round % cycle.size()));
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        List<HttpResponse<String>> responses = burst(200, FaultSuiteTest::failoverPair);
        chaos.join();

        assertAllServedBy(responses, "fo-openai-primary", "fo-openai-secondary", "fo-anthropic-primary",
                "fo-anthropic-secondary");
        assertMeteredExactlyOnce(responses);
        assertThat(responses.stream().map(r -> r.headers().firstValue("x-strait-deployment").orElseThrow())
                .collect(Collectors.toSet())).as("faults really struck some requests").contains("fo-openai-secondary");
    }
}
