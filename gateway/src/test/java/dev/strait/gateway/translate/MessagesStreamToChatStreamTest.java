package dev.strait.gateway.translate;

import static dev.strait.gateway.translate.JsonFixtures.anthropic;
import static dev.strait.gateway.translate.JsonFixtures.data;
import static dev.strait.gateway.translate.JsonFixtures.json;
import static dev.strait.gateway.translate.JsonFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.core.sse.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesStreamToChatStreamTest {

    private static final SseEvent START = anthropic("""
            {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant",
             "model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,
             "usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":10,"output_tokens":1}}}""");
    private static final SseEvent PING = anthropic("{\"type\": \"ping\"}");
    private static final SseEvent STOP = anthropic("{\"type\":\"message_stop\"}");

    private static SseEvent textStart(int index) {
        return anthropic("{\"type\":\"content_block_start\",\"index\":" + index
                + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    }

    private static SseEvent text(int index, String text) {
        return anthropic("{\"type\":\"content_block_delta\",\"index\":" + index
                + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}");
    }

    private static SseEvent toolStart(int index, String id) {
        return anthropic("{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":"
                + "{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"weather\",\"input\":{}}}");
    }

    private static SseEvent args(int index, String partial) {
        return anthropic("{\"type\":\"content_block_delta\",\"index\":" + index
                + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + JsonFixtures.MAPPER.valueToTree(partial) + "}}");
    }

    private static SseEvent blockStop(int index) {
        return anthropic("{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    private static SseEvent messageDelta(String stopReason, int outputTokens) {
        return anthropic("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens + "}}");
    }

    @Test
    void translatesATextStreamIntoChunksEndingWithUsageAndDone() {
        var translator = new MessagesStreamToChatStream("gpt-4o", "chatcmpl-x1", 1700000000L, true);

        List<SseEvent> out = run(translator, List.of(START, textStart(0), PING, text(0, "Hello"), text(0, "!"),
                blockStop(0), messageDelta("end_turn", 15), STOP));

        assertThat(out).allSatisfy(event -> assertThat(event.event()).isNull());
        assertThat(out).hasSize(6);
        assertThat(data(out.get(0))).isEqualTo(json("""
                {"id":"chatcmpl-x1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o",
                 "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}"""));
        assertThat(data(out.get(1)).at("/choices/0/delta")).isEqualTo(json("{\"content\":\"Hello\"}"));
        assertThat(data(out.get(2)).at("/choices/0/delta/content").asText()).isEqualTo("!");
        assertThat(data(out.get(3)).at("/choices/0")).isEqualTo(json("""
                {"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}"""));
        assertThat(data(out.get(4))).isEqualTo(json("""
                {"id":"chatcmpl-x1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o","choices":[],
                 "usage":{"prompt_tokens":35,"completion_tokens":15,"total_tokens":50,"prompt_tokens_details":{"cached_tokens":10}}}"""));
        assertThat(out.get(5).data()).isEqualTo("[DONE]");
        assertThat(translator.usage()).isEqualTo(new TokenUsage(35, 15, 10));
    }

    @Test
    void numbersToolCallsAmongThemselvesAndStreamsTheirArguments() {
        var translator = new MessagesStreamToChatStream("gpt-4o", "chatcmpl-x2", 1L, false);

        List<SseEvent> out = run(translator, List.of(START,
                textStart(0), text(0, "Checking."), blockStop(0),
                toolStart(1, "toolu_A"), args(1, ""), args(1, "{\"city\":"), args(1, "\"Paris\"}"), blockStop(1),
                toolStart(2, "toolu_B"), args(2, "{\"city\":\"Rome\"}"), blockStop(2),
                messageDelta("tool_use", 40), STOP));

        assertThat(data(out.get(2)).at("/choices/0/delta")).isEqualTo(json("""
                {"tool_calls":[{"index":0,"id":"toolu_A","type":"function","function":{"name":"weather","arguments":""}}]}"""));
        assertThat(data(out.get(3)).at("/choices/0/delta")).isEqualTo(json("""
                {"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]}"""));
        assertThat(data(out.get(5)).at("/choices/0/delta/tool_calls/0/index").asInt()).isEqualTo(1);
        assertThat(data(out.get(5)).at("/choices/0/delta/tool_calls/0/id").asText()).isEqualTo("toolu_B");
        assertThat(data(out.get(6)).at("/choices/0/delta/tool_calls/0/function/arguments").asText())
                .isEqualTo("{\"city\":\"Rome\"}");
        assertThat(data(out.get(7)).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(out.getLast().data()).isEqualTo("[DONE]");
        assertThat(out).hasSize(9);
    }

    @Test
    void leavesOutTheUsageChunkWhenTheCallerDidNotAskForIt() {
        var translator = new MessagesStreamToChatStream("gpt-4o", "chatcmpl-x3", 1L, false);

        List<SseEvent> out = run(translator, List.of(START, textStart(0), text(0, "Hi"), blockStop(0),
                messageDelta("max_tokens", 1), STOP));

        assertThat(out).noneSatisfy(event -> assertThat(event.data()).contains("\"usage\""));
        assertThat(data(out.get(out.size() - 2)).at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(translator.usage()).isEqualTo(new TokenUsage(35, 1, 10));
    }

    @Test
    void turnsAnAnthropicErrorEventIntoAnErrorLineAndOneDone() {
        var translator = new MessagesStreamToChatStream("gpt-4o", "chatcmpl-x4", 1L, true);

        List<SseEvent> out = run(translator, List.of(START, textStart(0), text(0, "Hel"),
                anthropic("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"),
                STOP));

        assertThat(data(out.get(2))).isEqualTo(json("""
                {"error":{"message":"Overloaded","type":"server_error","param":null,"code":"overloaded"}}"""));
        assertThat(out.subList(3, out.size())).extracting(SseEvent::data).containsExactly("[DONE]");
    }

    @Test
    void emitsExactlyOneDoneEvenIfEventsFollowMessageStop() {
        var translator = new MessagesStreamToChatStream("gpt-4o", "chatcmpl-x5", 1L, true);

        List<SseEvent> out = run(translator, List.of(START, textStart(0), text(0, "Hi"), blockStop(0),
                messageDelta("end_turn", 2), STOP, STOP, PING));

        assertThat(out).filteredOn(event -> event.data().equals("[DONE]")).hasSize(1);
        assertThat(out.getLast().data()).isEqualTo("[DONE]");
    }
}
