package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.core.usage.UsageRecord;
import dev.strait.emulator.Faults;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One usage record per served response, priced exactly, the same whether streamed or not. */
class MeteringTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();

    @Test
    void everyCompletedResponseHasExactlyOneRecord() {
        List<HttpResponse<String>> responses = IntStream.range(0, 60).mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("gpt-4o", i % 2 == 0),
                                Http.bearer())))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        List<String> ids = responses.stream().map(r -> r.headers().firstValue("x-request-id").orElseThrow()).toList();
        assertThat(harness.usage).extracting(UsageRecord::requestId).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void streamingAndNonStreamingUsageAgreeAndArePricedExactly() {
        Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("gpt-4o", false), Http.bearer());
        Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("gpt-4o", true), Http.bearer());

        assertThat(harness.usage).hasSize(2);
        UsageRecord whole = harness.usage.get(0);
        UsageRecord streamed = harness.usage.get(1);
        assertThat(streamed.stream()).isTrue();
        assertThat(streamed.inputTokens()).isEqualTo(whole.inputTokens()).isPositive();
        assertThat(streamed.outputTokens()).isEqualTo(whole.outputTokens()).isPositive();
        assertThat(whole.cost()).isEqualByComparingTo(new java.math.BigDecimal("2.50")
                .multiply(java.math.BigDecimal.valueOf(whole.inputTokens()))
                .add(new java.math.BigDecimal("10.00").multiply(java.math.BigDecimal.valueOf(whole.outputTokens())))
                .divide(java.math.BigDecimal.valueOf(1_000_000)));
        assertThat(whole.currency()).isEqualTo("USD");
        assertThat(whole.priceVersion()).isEqualTo("test-prices");
        assertThat(whole.orgId()).isEqualTo("org_us");
        assertThat(whole.region()).isEqualTo("us-east");
        String metrics = Http.get(harness.adminUrl() + "/metrics").body();
        assertThat(metrics).contains("strait_usage_tokens_total{gen_ai_request_model=\"gpt-4o\",gen_ai_token_type=\"output\",strait_market=\"US\"}")
                .contains("strait_revenue_USD_total{currency=\"USD\",gen_ai_request_model=\"gpt-4o\",strait_market=\"US\"}");
    }

    @Test
    void deniedAndFailedRequestsThatReachedNoUpstreamAreNotMetered() {
        harness.faulty.faults(Faults.status(500));
        Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("faulty-gpt", false), Http.bearer());
        Http.post(harness.baseUrl() + "/v1/chat/completions", "{", Http.bearer());

        assertThat(harness.usage).isEmpty();
    }

    @Test
    void aStreamCutBeforeItsUsageIsMeteredFromLocalCountsMarkedEstimated() {
        harness.faulty.faults(Faults.cutAfter(5));

        HttpResponse<String> response = Http.post(harness.baseUrl() + "/v1/chat/completions",
                Http.chatBody("faulty-gpt", true), Http.bearer());

        assertThat(response.body()).contains("upstream_stream_interrupted");
        HttpResponse<String> whole = Http.post(harness.baseUrl() + "/v1/chat/completions",
                Http.chatBody("gpt-4o", false), Http.bearer());
        long reported = Long.parseLong(whole.body().replaceAll("(?s).*\"prompt_tokens\":(\\d+).*", "$1").trim());
        assertThat(harness.usage).first().satisfies(r -> {
            assertThat(r.estimated()).isTrue();
            assertThat(r.inputTokens()).as("counted here as the provider counts the same prompt").isEqualTo(reported);
            assertThat(r.outputTokens()).isBetween(3L, 6L);
            assertThat(r.cost()).isPositive();
        });
    }

    @Test
    void usageTheProviderReportedIsNotMarkedEstimated() {
        Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("gpt-4o", true), Http.bearer());

        assertThat(harness.usage).singleElement().satisfies(r -> assertThat(r.estimated()).isFalse());
    }

    @Test
    void anUnpricedModelIsMeteredAtZeroAndSaysSo() {
        Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("deepseek-chat", false), Http.bearer());

        assertThat(harness.usage).singleElement().satisfies(r -> {
            assertThat(r.cost()).isZero();
            assertThat(r.priceVersion()).isEqualTo("unpriced");
        });
    }
}
