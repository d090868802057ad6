package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.strait.emulator.Faults;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official openai-java SDK, unchanged, against a running gateway, over both upstream dialects. */
class OpenAiSdkCompatibilityTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        client = OpenAIOkHttpClient.builder().baseUrl(harness.baseUrl() + "/v1").apiKey(GatewayHarness.KEY).maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addSystemMessage("You are terse.")
                .addUserMessage("Name three rivers in Europe.").maxCompletionTokens(40).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5", "gpt-4o-mini", "deepseek-chat"})
    void completesAChatOnEveryUpstreamDialect(String model) {
        ChatCompletion completion = client.chat().completions().create(chat(model));

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().getFirst().message().content()).isPresent().get().asString().isNotBlank();
        assertThat(completion.choices().getFirst().finishReason()).isIn(
                ChatCompletion.Choice.FinishReason.STOP, ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(completion.usage()).isPresent();
        assertThat(completion.usage().get().promptTokens()).isPositive();
        assertThat(completion.usage().get().completionTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5"})
    void streamsAChatOnEveryUpstreamDialect(String model) {
        ChatCompletionCreateParams params = chat(model).toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            String text = chunks.stream().flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
            assertThat(text).isNotBlank();
            assertThat(chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.finishReason().isPresent()))
                    .hasSize(1);
            ChatCompletionChunk last = chunks.getLast();
            assertThat(last.choices()).isEmpty();
            assertThat(last.usage()).isPresent();
            assertThat(last.usage().get().completionTokens()).isPositive();
        }
    }

    @Test
    void streamsWithoutTheUsageChunkWhenTheCallerDidNotAskForIt() {
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat("gpt-4o"))) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.choices()).isNotEmpty());
        }
        // The gateway still asked the upstream for usage, for its own metering.
        assertThat(harness.healthy.stats().lastRequestBody()).contains("\"include_usage\":true");
    }

    @Test
    void createsEmbeddings() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("The quick brown fox").build());

        assertThat(response.data()).hasSize(1);
        assertThat(response.data().getFirst().embedding()).hasSizeGreaterThan(100);
        assertThat(response.usage().promptTokens()).isPositive();
    }

    @Test
    void listsAndRetrievesModels() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertThat(ids).contains("gpt-4o", "claude-sonnet-4-5", "text-embedding-3-small");

        Model model = client.models().retrieve("gpt-4o-latest");
        assertThat(model.id()).isEqualTo("gpt-4o-latest");
    }

    @Test
    void surfacesAnUpstreamRateLimitAsTheSdksTypedException() {
        harness.faulty.faults(Faults.rateLimited(Duration.ofSeconds(7)));

        assertThatThrownBy(() -> client.chat().completions().create(chat("faulty-gpt")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                });
    }

    @Test
    void surfacesAnUnknownModelAsNotFound() {
        assertThatThrownBy(() -> client.chat().completions().create(chat("no-such-model")))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.getMessage()).contains("no-such-model"));
    }
}
