package dev.strait.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.core.sse.SseEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicMessagesTest extends EmulatorHarness {

    private static JsonObject request() {
        return new JsonObject()
                .put("model", "claude-sonnet-4-5")
                .put("max_tokens", 256)
                .put("system", "Be brief.")
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user")
                        .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", "Hello from the strait")))));
    }

    private static JsonArray tools() {
        return new JsonArray().add(new JsonObject()
                .put("name", "lookup_port")
                .put("description", "Finds a port")
                .put("input_schema", new JsonObject().put("type", "object")
                        .put("properties", new JsonObject().put("name", new JsonObject().put("type", "string"))
                                .put("max_depth_m", new JsonObject().put("type", "number")))
                        .put("required", new JsonArray().add("name").add("max_depth_m"))));
    }

    @Test
    void answersANonStreamedMessageInAnthropicsShape() {
        HttpResponse<String> response = client.anthropic(request());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("request-id")).isPresent();
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("id")).startsWith("msg_");
        assertThat(body.getString("type")).isEqualTo("message");
        assertThat(body.getString("role")).isEqualTo("assistant");
        assertThat(body.getString("model")).isEqualTo("claude-sonnet-4-5");
        JsonObject block = body.getJsonArray("content").getJsonObject(0);
        assertThat(block.getString("type")).isEqualTo("text");
        assertThat(block.getString("text")).startsWith("Emulated reply to: Hello from the strait");
        assertThat(body.getString("stop_reason")).isEqualTo("end_turn");
        assertThat(body.containsKey("stop_sequence")).isTrue();
        assertThat(body.getJsonObject("usage").getInteger("output_tokens")).isEqualTo(TextGenerator.NATURAL_TOKENS);
        assertThat(body.getJsonObject("usage").getInteger("input_tokens")).isPositive();
    }

    @Test
    void streamsTheExactEventSequenceWithUsageMatchingTheWholeAnswer() {
        JsonObject whole = new JsonObject(client.anthropic(request()).body());
        List<SseEvent> events = TestClient.events(client.anthropic(request().put("stream", true)).body());

        List<String> names = events.stream().map(SseEvent::event).distinct().toList();
        assertThat(names).containsExactly("message_start", "content_block_start", "ping", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        assertThat(events.getFirst().event()).isEqualTo("message_start");
        assertThat(events.getLast().event()).isEqualTo("message_stop");
        JsonObject start = new JsonObject(events.getFirst().data()).getJsonObject("message");
        assertThat(start.getJsonArray("content")).isEmpty();
        assertThat(start.getJsonObject("usage").getInteger("input_tokens")).isEqualTo(whole.getJsonObject("usage").getInteger("input_tokens"));
        assertThat(start.getJsonObject("usage").getInteger("output_tokens")).isEqualTo(1);
        String text = events.stream().filter(e -> "content_block_delta".equals(e.event()))
                .map(e -> new JsonObject(e.data()).getJsonObject("delta"))
                .peek(d -> assertThat(d.getString("type")).isEqualTo("text_delta"))
                .map(d -> d.getString("text")).reduce("", String::concat);
        assertThat(text).isEqualTo(whole.getJsonArray("content").getJsonObject(0).getString("text"));
        JsonObject messageDelta = new JsonObject(events.get(events.size() - 2).data());
        assertThat(messageDelta.getJsonObject("delta").getString("stop_reason")).isEqualTo("end_turn");
        assertThat(messageDelta.getJsonObject("usage").getInteger("output_tokens"))
                .isEqualTo(whole.getJsonObject("usage").getInteger("output_tokens"));
    }

    @Test
    void usesAToolWhenToolsAreOfferedAndStreamsItsInputAsJsonDeltas() {
        JsonObject whole = new JsonObject(client.anthropic(request().put("tools", tools())).body());
        List<SseEvent> events = TestClient.events(client.anthropic(request().put("tools", tools()).put("stream", true)).body());

        JsonObject block = whole.getJsonArray("content").getJsonObject(0);
        assertThat(whole.getString("stop_reason")).isEqualTo("tool_use");
        assertThat(block.getString("type")).isEqualTo("tool_use");
        assertThat(block.getString("id")).startsWith("toolu_");
        assertThat(block.getString("name")).isEqualTo("lookup_port");
        assertThat(block.getJsonObject("input").getString("name")).isNotBlank();
        assertThat(block.getJsonObject("input").getDouble("max_depth_m")).isNotNull();
        JsonObject startBlock = new JsonObject(events.get(1).data()).getJsonObject("content_block");
        assertThat(startBlock.getString("type")).isEqualTo("tool_use");
        String json = events.stream().filter(e -> "content_block_delta".equals(e.event()))
                .map(e -> new JsonObject(e.data()).getJsonObject("delta"))
                .peek(d -> assertThat(d.getString("type")).isEqualTo("input_json_delta"))
                .map(d -> d.getString("partial_json")).reduce("", String::concat);
        assertThat(new JsonObject(json)).isEqualTo(block.getJsonObject("input"));
    }

    @Test
    void answersAToolResultWithText() {
        JsonObject body = request().put("tools", tools());
        body.getJsonArray("messages")
                .add(new JsonObject().put("role", "assistant").put("content", new JsonArray().add(new JsonObject()
                        .put("type", "tool_use").put("id", "toolu_1").put("name", "lookup_port").put("input", new JsonObject()))))
                .add(new JsonObject().put("role", "user").put("content", new JsonArray().add(new JsonObject()
                        .put("type", "tool_result").put("tool_use_id", "toolu_1").put("content", "Algeciras"))));

        JsonObject answer = new JsonObject(client.anthropic(body).body());

        assertThat(answer.getString("stop_reason")).isEqualTo("end_turn");
        assertThat(answer.getJsonArray("content").getJsonObject(0).getString("type")).isEqualTo("text");
    }

    @Test
    void stopsAtMaxTokensAndAtStopSequences() {
        JsonObject capped = new JsonObject(client.anthropic(request().put("max_tokens", 3)).body());
        JsonObject stopped = new JsonObject(client.anthropic(request().put("stop_sequences", new JsonArray().add("strait"))).body());

        assertThat(capped.getString("stop_reason")).isEqualTo("max_tokens");
        assertThat(capped.getJsonObject("usage").getInteger("output_tokens")).isEqualTo(3);
        assertThat(stopped.getString("stop_reason")).isEqualTo("stop_sequence");
        assertThat(stopped.getString("stop_sequence")).isEqualTo("strait");
        assertThat(stopped.getJsonArray("content").getJsonObject(0).getString("text")).doesNotContain("strait");
    }

    @Test
    void refusesAMissingMaxTokensOrKeyInAnthropicsErrorShape() {
        HttpResponse<String> noMax = client.anthropic(request().put("max_tokens", null));
        HttpResponse<String> noKey = client.post("/v1/messages", request());

        assertThat(noMax.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(noMax.body())).isEqualTo(new JsonObject().put("type", "error").put("error",
                new JsonObject().put("type", "invalid_request_error").put("message", "max_tokens: Field required")));
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(noKey.body()).getJsonObject("error").getString("type")).isEqualTo("authentication_error");
    }
}
