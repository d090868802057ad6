package dev.strait.gateway.translate;

import static dev.strait.gateway.translate.JsonFixtures.MAPPER;
import static dev.strait.gateway.translate.JsonFixtures.data;
import static dev.strait.gateway.translate.JsonFixtures.json;
import static dev.strait.gateway.translate.JsonFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strait.core.sse.SseEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChatStreamToMessagesStreamTest {

    private static final String HEAD = """
            "id":"chatcmpl-9xYz","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-2024-08-06",\
            "system_fingerprint":"fp_1\"""";

    /** One recorded-style OpenAI chunk with the given delta and finish reason. */
    private static SseEvent chunk(String delta, String finishReason) {
        return SseEvent.data("{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}],\"usage\":null}");
    }

    private static final SseEvent USAGE = SseEvent.data("{" + HEAD + """
            ,"choices":[],"usage":{"prompt_tokens":120,"completion_tokens":2,"total_tokens":122,\
            "prompt_tokens_details":{"cached_tokens":100,"audio_tokens":0},\
            "completion_tokens_details":{"reasoning_tokens":0}}}""");

    private static final SseEvent DONE = SseEvent.data("[DONE]");

    private final ChatStreamToMessagesStream translator = new ChatStreamToMessagesStream("claude-sonnet-4-5", MAPPER);

    @Test
    void translatesATextStreamEventByEventWithUsageFromTheChunkAfterFinishReason() {
        List<SseEvent> out = run(translator, List.of(
                chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null"),
                chunk("{\"content\":\"Hello\"}", "null"),
                chunk("{\"content\":\" world\"}", "null"),
                chunk("{}", "\"stop\""),
                USAGE,
                DONE));

        assertThat(names(out)).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(data(out.get(0))).isEqualTo(json("""
                {"type":"message_start","message":{"id":"msg_9xYz","type":"message","role":"assistant",
                 "model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,
                 "usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}}}"""));
        assertThat(data(out.get(1))).isEqualTo(json("""
                {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""));
        assertThat(data(out.get(3))).isEqualTo(json("""
                {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" world"}}"""));
        assertThat(data(out.get(5))).isEqualTo(json("""
                {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},
                 "usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":2}}"""));
        assertThat(translator.usage()).isEqualTo(new TokenUsage(120, 2, 100));
    }

    @Test
    void givesEachToolCallItsOwnToolUseBlockAfterTheText() {
        List<SseEvent> out = run(translator, List.of(
                chunk("{\"role\":\"assistant\",\"content\":\"Checking.\"}", "null"),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_A\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]}", "null"),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]}", "null"),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":\\\"Paris\\\"}\"}}]}", "null"),
                chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_B\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}}]}", "null"),
                chunk("{}", "\"tool_calls\""),
                DONE));

        assertThat(names(out)).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(data(out.get(4))).isEqualTo(json("""
                {"type":"content_block_start","index":1,
                 "content_block":{"type":"tool_use","id":"call_A","name":"weather","input":{}}}"""));
        assertThat(partialJson(out, 1)).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(data(out.get(8)).at("/content_block/id").asText()).isEqualTo("call_B");
        assertThat(partialJson(out, 2)).isEqualTo("{\"city\":\"Rome\"}");
        assertThat(data(out.get(11)).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void endsAtDoneWhenTheUpstreamSendsNoUsage() {
        List<SseEvent> out = run(translator, List.of(chunk("{\"content\":\"Hi\"}", "\"length\""), DONE));

        assertThat(names(out)).endsWith("message_delta", "message_stop");
        assertThat(data(out.get(out.size() - 2)).at("/delta/stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(translator.usage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void emitsExactlyOneMessageStopWhenUsageAndDoneBothFollowTheFinish() {
        List<SseEvent> out = run(translator, List.of(
                chunk("{\"content\":\"Hi\"}", "null"), chunk("{}", "\"stop\""), USAGE, DONE, DONE));

        assertThat(names(out).stream().filter("message_stop"::equals)).hasSize(1);
        assertThat(names(out).getLast()).isEqualTo("message_stop");
    }

    @Test
    void turnsAMidStreamOpenAiErrorIntoAnAnthropicErrorEventThatEndsTheStream() {
        List<SseEvent> out = run(translator, List.of(
                chunk("{\"content\":\"Hel\"}", "null"),
                SseEvent.data("{\"error\":{\"message\":\"The server had an error while processing your request.\","
                        + "\"type\":\"server_error\",\"param\":null,\"code\":null}}"),
                DONE));

        assertThat(names(out)).containsExactly("message_start", "content_block_start", "content_block_delta", "error");
        assertThat(data(out.getLast())).isEqualTo(json("""
                {"type":"error","error":{"type":"api_error",
                 "message":"The server had an error while processing your request."}}"""));
    }

    @Test
    void startsTheMessageEvenWhenTheUpstreamSendsNothingButDone() {
        assertThat(names(run(translator, List.of(DONE))))
                .containsExactly("message_start", "message_delta", "message_stop");
    }

    private static List<String> names(List<SseEvent> events) {
        return events.stream().map(SseEvent::event).toList();
    }

    private static String partialJson(List<SseEvent> out, int blockIndex) {
        return out.stream().map(JsonFixtures::data)
                .filter(d -> d.path("type").asText().equals("content_block_delta") && d.path("index").asInt() == blockIndex)
                .map(d -> d.at("/delta/partial_json")).map(JsonNode::asText).collect(Collectors.joining());
    }
}
