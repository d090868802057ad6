package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.emulator.Faults;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Failover before the first byte, and what the caller sees when every deployment fails. */
class FailoverTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();

    String chat() {
        return harness.baseUrl() + "/v1/chat/completions";
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 429})
    void anErrorStatusFailsOverToTheNextDeployment(int status) {
        harness.faulty.faults(Faults.status(status));

        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> response = Http.post(chat(), Http.chatBody("failover-gpt", stream), Http.bearer());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-strait-deployment")).hasValue("fo-openai-secondary");
            assertThat(response.headers().firstValue("x-strait-region")).hasValue("eu-west");
        }
        assertThat(harness.faulty.stats().requests()).isEqualTo(2);
    }

    @Test
    void anUpstreamThatDoesNotAnswerInTimeFailsOver() {
        try (GatewayHarness impatient = new GatewayHarness(GatewaySettings.defaults().withPorts(0, 0)
                .withBreaker(1000, Duration.ofSeconds(10)).withIdleTimeout(Duration.ofMillis(300)))) {
            impatient.faulty.faults(Faults.latency(Duration.ofSeconds(5)));
            long started = System.nanoTime();

            HttpResponse<String> response = Http.post(impatient.baseUrl() + "/v1/chat/completions",
                    Http.chatBody("failover-gpt", false), Http.bearer());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-strait-deployment")).hasValue("fo-openai-secondary");
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms to answer").isLessThan(3_000);
        }
    }

    @Test
    void aResetConnectionFailsOverToTheNextDeployment() {
        harness.faulty.faults(Faults.reset());

        HttpResponse<String> response = Http.post(chat(), Http.chatBody("failover-gpt", false), Http.bearer());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-strait-deployment")).hasValue("fo-openai-secondary");
    }

    @Test
    void aStreamCutBeforeItsFirstChunkFailsOverUnnoticed() {
        harness.faulty.faults(Faults.cutAfter(0));

        HttpResponse<String> response = Http.post(harness.baseUrl() + "/v1/messages",
                Http.messagesBody("failover-claude", true), Http.anthropic());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-strait-deployment")).hasValue("fo-anthropic-secondary");
        assertThat(response.body()).contains("event: message_stop").doesNotContain("event: error");
    }

    @Test
    void whenEveryDeploymentFailsTheCallerGetsABadGatewayInItsDialect() {
        harness.faulty.faults(Faults.status(500));

        HttpResponse<String> openAi = Http.post(chat(), Http.chatBody("faulty-gpt", false), Http.bearer());
        assertThat(openAi.statusCode()).isEqualTo(502);
        assertThat(openAi.body()).contains("\"type\":\"server_error\"").contains("\"code\":\"upstream_error\"");

        HttpResponse<String> anthropic = Http.post(harness.baseUrl() + "/v1/messages",
                Http.messagesBody("faulty-claude", false), Http.anthropic());
        assertThat(anthropic.statusCode()).isEqualTo(502);
        assertThat(anthropic.body()).contains("\"type\":\"error\"").contains("\"type\":\"api_error\"");
    }

    @Test
    void whenEveryDeploymentIsRateLimitedTheCallerGets429WithRetryAfter() {
        harness.faulty.faults(Faults.rateLimited(Duration.ofSeconds(9)));

        HttpResponse<String> response = Http.post(chat(), Http.chatBody("faulty-gpt", false), Http.bearer());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("9");
    }

    @Test
    void anOpenCircuitKeepsAFailingDeploymentOutOfRotationWhileAnotherServes() {
        try (GatewayHarness strict = gatewayOpeningCircuitsAfterTwoFailures()) {
            strict.faulty.faults(Faults.status(500));
            for (int i = 0; i < 2; i++) {
                assertThat(postChat(strict, "failover-gpt").statusCode()).isEqualTo(200);
            }
            long seen = strict.faulty.stats().requests();

            for (int i = 0; i < 5; i++) {
                HttpResponse<String> response = postChat(strict, "failover-gpt");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("x-strait-deployment")).hasValue("fo-openai-secondary");
            }

            assertThat(strict.faulty.stats().requests()).isEqualTo(seen);
            assertThat(admin(strict, "/admin/deployments"))
                    .contains("\"name\":\"fo-openai-primary\"").contains("\"circuit\":\"open\"");
        }
    }

    @Test
    void whenEveryCircuitIsOpenTheGatewayStillTriesThemAndOneThatRecoveredServes() {
        try (GatewayHarness strict = gatewayOpeningCircuitsAfterTwoFailures()) {
            strict.faulty.faults(Faults.status(500));
            for (int i = 0; i < 2; i++) {
                assertThat(postChat(strict, "faulty-gpt").statusCode()).isEqualTo(502);
            }
            long seen = strict.faulty.stats().requests();

            HttpResponse<String> stillFailing = postChat(strict, "faulty-gpt");
            assertThat(stillFailing.statusCode()).isEqualTo(502);
            assertThat(stillFailing.body()).contains("\"code\":\"upstream_error\"");
            assertThat(strict.faulty.stats().requests()).isEqualTo(seen + 1);

            strict.faulty.faults(Faults.none());
            HttpResponse<String> recovered = postChat(strict, "faulty-gpt");

            assertThat(recovered.statusCode()).isEqualTo(200);
            assertThat(recovered.headers().firstValue("x-strait-deployment")).hasValue("faulty-openai");
            assertThat(admin(strict, "/admin/deployments"))
                    .containsPattern("\"name\":\"faulty-openai\"[^}]*\"circuit\":\"closed\"");
            assertThat(admin(strict, "/metrics"))
                    .contains("strait_upstream_panic_attempts_total{strait_deployment=\"faulty-openai\"} 2.0");
        }
    }

    /** Circuits open after two failures and stay open for longer than any test. */
    private static GatewayHarness gatewayOpeningCircuitsAfterTwoFailures() {
        return new GatewayHarness(GatewaySettings.defaults().withPorts(0, 0).withBreaker(2, Duration.ofMinutes(5)));
    }

    private static HttpResponse<String> postChat(GatewayHarness gateway, String model) {
        return Http.post(gateway.baseUrl() + "/v1/chat/completions", Http.chatBody(model, false), Http.bearer());
    }

    private static String admin(GatewayHarness gateway, String path) {
        return Http.get(gateway.adminUrl() + path, "authorization", "Bearer " + GatewayHarness.ADMIN_TOKEN).body();
    }

    @Test
    void aCallersOwnMistakeIsNotRetriedElsewhere() {
        harness.faulty.faults(Faults.status(400));

        HttpResponse<String> response = Http.post(chat(), Http.chatBody("failover-gpt", false), Http.bearer());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"type\":\"invalid_request_error\"");
        assertThat(harness.faulty.stats().requests()).isEqualTo(1);
        assertThat(harness.healthy.stats().requests()).isZero();
    }

    @Test
    void anUpstreamErrorIsRestatedInTheCallersDialect() {
        harness.faulty.faults(Faults.status(400));

        HttpResponse<String> response = Http.post(harness.baseUrl() + "/v1/messages",
                Http.messagesBody("faulty-gpt", false), Http.anthropic());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\"");
    }
}
