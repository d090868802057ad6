package dev.strait.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.core.sse.SseEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiChatTest extends EmulatorHarness {

    private static JsonObject request(String model) {
        return new JsonObject()
                .put("model", model)
                .put("messages", new JsonArray()
                        .add(new JsonObject().put("role", "system").put("content", "You are terse."))
                        .add(new JsonObject().put("role", "user").put("content", "Tell me about the strait of Gibraltar")));
    }

    @Test
    void answersANonStreamedCompletionInOpenAisShape() {
        HttpResponse<String> response = client.openAi("/v1/chat/completions", request("gpt-4o-mini"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("id")).startsWith("chatcmpl-");
        assertThat(body.getString("object")).isEqualTo("chat.completion");
        assertThat(body.getLong("created")).isPositive();
        assertThat(body.getString("model")).isEqualTo("gpt-4o-mini");
        assertThat(body.getString("system_fingerprint")).isEqualTo("fp_emulator");
        JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getInteger("index")).isZero();
        assertThat(choice.getString("finish_reason")).isEqualTo("stop");
        assertThat(choice.containsKey("logprobs")).isTrue();
        JsonObject message = choice.getJsonObject("message");
        assertThat(message.getString("role")).isEqualTo("assistant");
        assertThat(message.getString("content")).startsWith("Emulated reply to: Tell me about the strait of");
        assertThat(message.containsKey("refusal")).isTrue();
        JsonObject usage = body.getJsonObject("usage");
        assertThat(usage.getInteger("completion_tokens")).isEqualTo(TextGenerator.NATURAL_TOKENS);
        assertThat(usage.getInteger("prompt_tokens")).isGreaterThan(10);
        assertThat(usage.getInteger("total_tokens"))
                .isEqualTo(usage.getInteger("prompt_tokens") + usage.getInteger("completion_tokens"));
    }

    @Test
    void answersTheSamePromptWithTheSameText() {
        String first = new JsonObject(client.openAi("/v1/chat/completions", request("gpt-4o")).body())
                .getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
        String second = new JsonObject(client.openAi("/v1/chat/completions", request("gpt-4o")).body())
                .getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");

        assertThat(first).isEqualTo(second);
    }

    @Test
    void capsTheAnswerAtMaxTokensAndSaysLength() {
        JsonObject body = new JsonObject(client.openAi("/v1/chat/completions",
                request("gpt-4o").put("max_completion_tokens", 5).put("n", 2)).body());

        assertThat(body.getJsonArray("choices")).hasSize(2);
        assertThat(body.getJsonArray("choices").getJsonObject(1).getString("finish_reason")).isEqualTo("length");
        assertThat(body.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(10);
    }

    @Test
    void streamsChunksThatEndWithDoneAndCarryNoUsageUnlessAsked() {
        HttpResponse<String> response = client.openAi("/v1/chat/completions", request("gpt-4o").put("stream", true));

        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<SseEvent> events = TestClient.events(response.body());
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<JsonObject> chunks = events.subList(0, events.size() - 1).stream().map(e -> new JsonObject(e.data())).toList();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
            assertThat(chunk.getString("id")).isEqualTo(chunks.getFirst().getString("id"));
            assertThat(chunk.containsKey("usage")).isFalse();
        });
        assertThat(delta(chunks.getFirst())).isEqualTo(new JsonObject().put("role", "assistant").put("content", ""));
        JsonObject last = chunks.getLast().getJsonArray("choices").getJsonObject(0);
        assertThat(last.getJsonObject("delta")).isEqualTo(new JsonObject());
        assertThat(last.getString("finish_reason")).isEqualTo("stop");
        String streamed = chunks.stream().map(c -> delta(c).getString("content", "")).reduce("", String::concat);
        String whole = new JsonObject(client.openAi("/v1/chat/completions", request("gpt-4o")).body())
                .getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
        assertThat(streamed).isEqualTo(whole);
        assertThat(emulator.stats().completedStreams()).isEqualTo(1);
    }

    @Test
    void streamsAFinalUsageChunkEqualToTheNonStreamedUsageWhenIncludeUsageIsSet() {
        JsonObject usageWhole = new JsonObject(client.openAi("/v1/chat/completions", request("gpt-4.1")).body()).getJsonObject("usage");

        JsonObject streaming = request("gpt-4.1").put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
        List<SseEvent> events = TestClient.events(client.openAi("/v1/chat/completions", streaming).body());

        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        JsonObject usageChunk = new JsonObject(events.get(events.size() - 2).data());
        assertThat(usageChunk.getJsonArray("choices")).isEmpty();
        assertThat(usageChunk.getJsonObject("usage")).isEqualTo(usageWhole);
        for (SseEvent event : events.subList(0, events.size() - 2)) {
            JsonObject chunk = new JsonObject(event.data());
            assertThat(chunk.containsKey("usage")).isTrue();
            assertThat(chunk.getValue("usage")).isNull();
        }
    }

    @Test
    void callsTheFirstToolWithArgumentsBuiltFromItsSchema() {
        JsonObject body = new JsonObject(client.openAi("/v1/chat/completions", request("gpt-4o").put("tools", weatherTool())).body());

        JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getString("finish_reason")).isEqualTo("tool_calls");
        assertThat(choice.getJsonObject("message").getValue("content")).isNull();
        JsonObject call = choice.getJsonObject("message").getJsonArray("tool_calls").getJsonObject(0);
        assertThat(call.getString("id")).startsWith("call_");
        assertThat(call.getString("type")).isEqualTo("function");
        assertThat(call.getJsonObject("function").getString("name")).isEqualTo("get_weather");
        JsonObject arguments = new JsonObject(call.getJsonObject("function").getString("arguments"));
        assertThat(arguments.getString("city")).isNotBlank();
        assertThat(arguments.getString("unit")).isEqualTo("celsius");
        assertThat(arguments.containsKey("days")).isFalse();
    }

    @Test
    void streamsAToolCallAsAHeaderThenArgumentFragments() {
        JsonObject streaming = request("gpt-4o").put("tools", weatherTool()).put("stream", true);
        List<SseEvent> events = TestClient.events(client.openAi("/v1/chat/completions", streaming).body());

        List<JsonObject> deltas = events.subList(0, events.size() - 1).stream().map(e -> delta(new JsonObject(e.data()))).toList();
        JsonObject header = deltas.get(1).getJsonArray("tool_calls").getJsonObject(0);
        assertThat(header.getString("id")).startsWith("call_");
        assertThat(header.getJsonObject("function").getString("name")).isEqualTo("get_weather");
        assertThat(header.getJsonObject("function").getString("arguments")).isEmpty();
        String arguments = deltas.subList(2, deltas.size() - 1).stream()
                .map(d -> d.getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function").getString("arguments"))
                .reduce("", String::concat);
        assertThat(new JsonObject(arguments).getString("unit")).isEqualTo("celsius");
    }

    @Test
    void answersTheToolResultInWordsRatherThanCallingAgain() {
        JsonObject body = request("gpt-4o").put("tools", weatherTool());
        body.getJsonArray("messages").add(new JsonObject().put("role", "tool").put("tool_call_id", "call_1").put("content", "21C"));

        JsonObject choice = new JsonObject(client.openAi("/v1/chat/completions", body).body()).getJsonArray("choices").getJsonObject(0);

        assertThat(choice.getString("finish_reason")).isEqualTo("stop");
    }

    @Test
    void answersJsonModeWithAJsonObjectAndLogprobsWhenAsked() {
        JsonObject body = request("gpt-4o").put("response_format", new JsonObject().put("type", "json_object"))
                .put("logprobs", true).put("top_logprobs", 2);

        JsonObject choice = new JsonObject(client.openAi("/v1/chat/completions", body).body()).getJsonArray("choices").getJsonObject(0);

        assertThat(new JsonObject(choice.getJsonObject("message").getString("content")).getString("reply")).startsWith("Emulated");
        JsonObject first = choice.getJsonObject("logprobs").getJsonArray("content").getJsonObject(0);
        assertThat(first.getJsonArray("top_logprobs")).hasSize(2);
        assertThat(first.getJsonArray("bytes")).isNotEmpty();
    }

    @Test
    void refusesARequestWithoutModelOrWithBrokenJsonOrWithoutKey() {
        HttpResponse<String> noModel = client.openAi("/v1/chat/completions", request("x").put("model", null));
        HttpResponse<String> broken = client.postRaw("/v1/chat/completions", "{nope", "authorization", TestClient.OPENAI_KEY);
        HttpResponse<String> noKey = client.post("/v1/chat/completions", request("gpt-4o"));

        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(noModel.body()).getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(noKey.body()).getJsonObject("error").getString("code")).isEqualTo("invalid_api_key");
    }

    @Test
    void recordsTheLastRequestForAssertions() {
        client.openAi("/v1/chat/completions", request("gpt-4o"));

        assertThat(emulator.stats().requests()).isEqualTo(1);
        assertThat(emulator.stats().lastPath()).isEqualTo("/v1/chat/completions");
        assertThat(emulator.stats().lastRequestHeaders()).containsEntry("authorization", TestClient.OPENAI_KEY);
        assertThat(emulator.stats().lastRequestJson().getString("model")).isEqualTo("gpt-4o");
    }

    @Test
    void listsModelsAndAnswersUnknownRoutesWith404() {
        JsonObject models = new JsonObject(client.get("/v1/models", "authorization", TestClient.OPENAI_KEY).body());
        JsonObject one = new JsonObject(client.get("/v1/models/my-model", "authorization", TestClient.OPENAI_KEY).body());
        HttpResponse<String> unknown = client.openAi("/v1/nothing", new JsonObject());

        assertThat(models.getString("object")).isEqualTo("list");
        assertThat(models.getJsonArray("data").getJsonObject(0).getString("object")).isEqualTo("model");
        assertThat(one.getString("id")).isEqualTo("my-model");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getJsonObject("error").getString("message")).contains("/v1/nothing");
    }

    static JsonArray weatherTool() {
        JsonObject parameters = new JsonObject()
                .put("type", "object")
                .put("properties", new JsonObject()
                        .put("city", new JsonObject().put("type", "string"))
                        .put("unit", new JsonObject().put("type", "string").put("enum", new JsonArray().add("celsius").add("fahrenheit")))
                        .put("days", new JsonObject().put("type", "integer")))
                .put("required", new JsonArray().add("city").add("unit"));
        return new JsonArray().add(new JsonObject().put("type", "function").put("function", new JsonObject()
                .put("name", "get_weather").put("description", "Weather in a city").put("parameters", parameters)));
    }

    private static JsonObject delta(JsonObject chunk) {
        return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    }
}
