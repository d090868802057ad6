package dev.strait.gateway.meter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.emulator.Emulator;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Local counts of a prompt, which meter streams cut before the provider's usage, equal what the
 * provider reports, for OpenAI's two tokenizers (o200k_base for gpt-4o, cl100k_base for gpt-4) over
 * prose, code, Chinese, emoji, multi-turn chats with names, content parts, tool calls and tools.
 */
class TokenEstimatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Vertx VERTX = Vertx.vertx();
    static final Emulator PROVIDER = Emulator.start(VERTX, "127.0.0.1", 0);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    final TokenEstimator estimator = new TokenEstimator();

    @AfterAll
    static void stop() {
        PROVIDER.close();
        VERTX.close().await();
    }

    static List<String> prompts() {
        return List.of(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}",
                "{\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                        + "{\"role\":\"user\",\"content\":\"Summarise the French Revolution in one line.\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"def add(a, b):\\n    return a + b\\n# explain\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"请把这句话翻译成英文：今天天气很好。\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Rate this 🚀🔥 from 1-10 ✅\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"name\":\"alice\",\"content\":\"Hi\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Hello Alice.\"},"
                        + "{\"role\":\"user\",\"name\":\"alice\",\"content\":\"And again?\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Part one. \"},"
                        + "{\"type\":\"text\",\"text\":\"Part two.\"}]}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
                        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                        + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18C, clear\"}],"
                        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\",\"parameters\":"
                        + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]}");
    }

    @ParameterizedTest
    @MethodSource("prompts")
    void localCountsMatchTheProvidersForGpt4o(String prompt) throws Exception {
        assertMatches("gpt-4o", prompt);
    }

    @ParameterizedTest
    @MethodSource("prompts")
    void localCountsMatchTheProvidersForGpt4(String prompt) throws Exception {
        assertMatches("gpt-4", prompt);
    }

    void assertMatches(String model, String prompt) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(prompt);
        body.put("model", model).put("max_tokens", 5);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(PROVIDER.baseUrl()
                        + "/v1/chat/completions")).header("authorization", "Bearer sk-test")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode usage = JSON.readTree(response.body()).path("usage");

        assertThat(estimator.input(model, body)).isEqualTo(usage.path("prompt_tokens").asLong());
    }
}
