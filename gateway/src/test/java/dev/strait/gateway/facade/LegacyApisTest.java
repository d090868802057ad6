package dev.strait.gateway.facade;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import dev.strait.gateway.GatewayHarness;
import dev.strait.gateway.meter.TokenEstimator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Legacy completions over chat-only upstreams, and Anthropic's count_tokens answered locally. */
class LegacyApisTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();
    static OpenAIClient openai;
    static AnthropicClient anthropic;

    @BeforeAll
    static void start() {
        openai = OpenAIOkHttpClient.builder().baseUrl(harness.baseUrl() + "/v1").apiKey(GatewayHarness.KEY)
                .maxRetries(0).build();
        anthropic = AnthropicOkHttpClient.builder().baseUrl(harness.baseUrl()).apiKey(GatewayHarness.KEY)
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        openai.close();
        anthropic.close();
    }

    static CompletionCreateParams legacy(String model) {
        return CompletionCreateParams.builder().model(model).prompt("Say this is a test").maxTokens(20).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5"})
    void servesLegacyCompletionsOverChatUpstreams(String model) {
        Completion completion = openai.completions().create(legacy(model));

        assertThat(completion.id()).startsWith("cmpl-");
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().getFirst().text()).isNotBlank();
        assertThat(completion.usage().get().promptTokens()).isPositive();
        assertThat(completion.usage().get().completionTokens()).isBetween(1L, 20L);
        assertThat(harness.usage).hasSize(1);
        assertThat(harness.usage.getFirst().outputTokens()).isEqualTo(completion.usage().get().completionTokens());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5"})
    void streamsLegacyCompletions(String model) {
        List<Completion> chunks;
        try (StreamResponse<Completion> stream = openai.completions().createStreaming(legacy(model))) {
            chunks = stream.stream().toList();
        }
        String text = chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.text())
                .collect(Collectors.joining());
        assertThat(text).isNotBlank();
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c._finishReason().asKnown().isPresent()))
                .hasSize(1);
        assertThat(chunks).allSatisfy(c -> assertThat(c.id()).startsWith("cmpl-"));
    }

    @Test
    void countsTokensLocallyWithTheGatewaysEstimator() throws Exception {
        MessageCountTokensParams params = MessageCountTokensParams.builder().model("claude-sonnet-4-5")
                .system("You are terse.").addUserMessage("How many tokens is this sentence?").build();

        MessageTokensCount count = anthropic.messages().countTokens(params);

        JsonNode body = new ObjectMapper().readTree("{\"model\":\"claude-sonnet-4-5\",\"system\":\"You are terse.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"How many tokens is this sentence?\"}]}");
        assertThat(count.inputTokens()).isEqualTo(new TokenEstimator().input("claude-sonnet-4-5", body));
        assertThat(count.inputTokens()).isPositive();
        assertThat(harness.healthy.stats().requests()).isZero();
        assertThat(harness.usage).isEmpty();
    }
}
