package dev.strait.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official SDKs, with strict response validation, accept everything the emulator says. */
class OfficialSdkTest extends EmulatorHarness {

    private OpenAIClient openAi() {
        return OpenAIOkHttpClient.builder().apiKey("sk-test").baseUrl(emulator.baseUrl() + "/v1")
                .responseValidation(true).maxRetries(0).build();
    }

    private AnthropicClient anthropic() {
        return AnthropicOkHttpClient.builder().apiKey("sk-ant-test").baseUrl(emulator.baseUrl())
                .responseValidation(true).maxRetries(0).build();
    }

    private static ChatCompletionCreateParams chat() {
        return ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("Hello SDK").build();
    }

    @Test
    void openAiSdkReadsCompletionsWholeAndStreamedAlike() {
        ChatCompletion whole = openAi().chat().completions().create(chat());
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        ChatCompletionCreateParams streaming = chat().toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = openAi().chat().completions().createStreaming(streaming)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion streamed = accumulator.chatCompletion();

        assertThat(whole.choices().getFirst().message().content()).hasValueSatisfying(text -> assertThat(text).startsWith("Emulated"));
        assertThat(streamed.choices().getFirst().message().content()).isEqualTo(whole.choices().getFirst().message().content());
        assertThat(streamed.usage().orElseThrow().totalTokens()).isEqualTo(whole.usage().orElseThrow().totalTokens());
    }

    @Test
    void openAiSdkReadsAStreamedToolCall() {
        FunctionParameters parameters = FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                .build();
        ChatCompletionCreateParams params = chat().toBuilder()
                .addTool(ChatCompletionFunctionTool.builder()
                        .function(FunctionDefinition.builder().name("get_weather").parameters(parameters).build()).build())
                .build();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = openAi().chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        var call = accumulator.chatCompletion().choices().getFirst().message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).contains("\"city\"");
    }

    @Test
    void openAiSdkReadsEmbeddingsInWhicheverEncodingItAsksFor() {
        CreateEmbeddingResponse response = openAi().embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("sdk text").dimensions(32).build());

        assertThat(response.data().getFirst().embedding()).hasSize(32);
        assertThat(emulator.stats().lastRequestJson().getString("encoding_format")).isIn(null, "base64", "float");
    }

    @Test
    void anthropicSdkReadsMessagesWholeAndStreamedAlike() {
        MessageCreateParams params = MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64).addUserMessage("Hello SDK").build();
        Message whole = anthropic().messages().create(params);
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic().messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message streamed = accumulator.message();

        assertThat(streamed.content().getFirst().text().orElseThrow().text())
                .isEqualTo(whole.content().getFirst().text().orElseThrow().text());
        assertThat(streamed.usage().outputTokens()).isEqualTo(whole.usage().outputTokens());
        assertThat(streamed.stopReason()).isEqualTo(whole.stopReason());
    }

    @Test
    void anthropicSdkReadsAStreamedToolUse() {
        MessageCreateParams params = MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64).addUserMessage("Where?")
                .addTool(Tool.builder().name("locate").inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("place", com.anthropic.core.JsonValue.from(Map.of("type", "string"))).build())
                        .build()).build())
                .build();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic().messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        var toolUse = accumulator.message().content().getFirst().toolUse().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("locate");
        assertThat(toolUse._input().toString()).contains("place");
    }

    @Test
    void anthropicSdkRaisesItsRateLimitExceptionOnA429() {
        emulator.faults(Faults.status(429));
        MessageCreateParams params = MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64).addUserMessage("x").build();

        assertThatThrownBy(() -> anthropic().messages().create(params)).isInstanceOf(RateLimitException.class);
    }
}
