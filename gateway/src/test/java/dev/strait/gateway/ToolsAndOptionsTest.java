package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Function calling in both dialects over both upstreams, and the OpenAI options that pass through. */
class ToolsAndOptionsTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();
    static OpenAIClient openai;
    static AnthropicClient anthropic;

    @BeforeAll
    static void start() {
        openai = OpenAIOkHttpClient.builder().baseUrl(harness.baseUrl() + "/v1").apiKey(GatewayHarness.KEY).maxRetries(0).build();
        anthropic = AnthropicOkHttpClient.builder().baseUrl(harness.baseUrl()).apiKey(GatewayHarness.KEY).maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        openai.close();
        anthropic.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "claude-sonnet-4-5"})
    void anOpenAiCallerGetsToolCalls(String model) {
        ChatCompletion completion = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("What is the weather in Paris?")
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                        .name("get_weather").description("Current weather for a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(
                                        Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .build()).build())
                .build());

        ChatCompletion.Choice choice = completion.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().asFunction().function().name()).isEqualTo("get_weather");
        assertThat(calls.getFirst().asFunction().function().arguments()).contains("\"city\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4-5", "gpt-4o"})
    void anAnthropicCallerGetsToolUse(String model) {
        Message message = anthropic.messages().create(MessageCreateParams.builder()
                .model(model).maxTokens(100)
                .addUserMessage("What is the weather in Paris?")
                .addTool(Tool.builder().name("get_weather").description("Current weather for a city")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(com.anthropic.core.JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .required(List.of("city"))
                                .build())
                        .build())
                .build());

        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(message.content()).anySatisfy(block -> {
            assertThat(block.isToolUse()).isTrue();
            assertThat(block.asToolUse().name()).isEqualTo("get_weather");
        });
    }

    @Test
    void nAndLogprobsPassThroughToAnOpenAiUpstream() {
        HttpResponse<String> response = Http.post(harness.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"gpt-4o\",\"n\":2,\"logprobs\":true,\"top_logprobs\":2,\"max_tokens\":5,"
                        + "\"response_format\":{\"type\":\"json_object\"},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Reply in JSON\"}]}",
                Http.bearer());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"index\":1").contains("\"top_logprobs\"");
        assertThat(harness.healthy.stats().lastRequestBody()).contains("\"n\":2").contains("\"logprobs\":true")
                .contains("\"response_format\":{\"type\":\"json_object\"}");
    }
}
