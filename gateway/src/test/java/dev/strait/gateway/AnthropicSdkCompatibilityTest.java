package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.strait.emulator.Faults;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official anthropic-java SDK, unchanged, against a running gateway, over both upstream dialects. */
class AnthropicSdkCompatibilityTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();
    static AnthropicClient client;

    @BeforeAll
    static void start() {
        client = AnthropicOkHttpClient.builder().baseUrl(harness.baseUrl()).apiKey(GatewayHarness.KEY).maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static MessageCreateParams message(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(60).system("You are terse.")
                .addUserMessage("Name three rivers in Europe.").build();
    }

    static String text(Message message) {
        return message.content().stream().flatMap(b -> b.text().stream()).map(t -> t.text())
                .collect(Collectors.joining());
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4-5", "gpt-4o", "deepseek-chat"})
    void createsAMessageOnEveryUpstreamDialect(String model) {
        Message message = client.messages().create(message(model));

        assertThat(text(message)).isNotBlank();
        assertThat(message.stopReason()).hasValueSatisfying(
                r -> assertThat(r).isIn(StopReason.END_TURN, StopReason.MAX_TOKENS));
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(message.usage().outputTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4-5", "gpt-4o"})
    void streamsAMessageOnEveryUpstreamDialect(String model) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(message(model))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        assertThat(message.content()).isNotEmpty().allSatisfy(b -> assertThat(b.isText()).isTrue());
        assertThat(text(message)).isNotBlank();
        assertThat(message.stopReason()).isPresent();
        assertThat(message.usage().outputTokens()).isPositive();
    }

    @Test
    void nonStreamAndStreamReportTheSameUsageForTheSameCompletion() {
        Message whole = client.messages().create(message("claude-sonnet-4-5"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(message("claude-sonnet-4-5"))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertThat(accumulator.message().usage().outputTokens()).isEqualTo(whole.usage().outputTokens());
        assertThat(text(accumulator.message())).isEqualTo(text(whole));
    }

    @Test
    void surfacesAnUpstreamRateLimitAsTheSdksTypedException() {
        harness.faulty.faults(Faults.rateLimited(Duration.ofSeconds(3)));

        assertThatThrownBy(() -> client.messages().create(message("faulty-claude")))
                .isInstanceOf(RateLimitException.class);
    }

    @Test
    void surfacesAnUnknownModelAsNotFound() {
        assertThatThrownBy(() -> client.messages().create(message("claude-nonexistent")))
                .isInstanceOf(NotFoundException.class);
    }

}
