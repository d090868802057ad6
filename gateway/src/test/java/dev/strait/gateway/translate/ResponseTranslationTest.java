package dev.strait.gateway.translate;

import static dev.strait.gateway.translate.JsonFixtures.json;
import static dev.strait.gateway.translate.JsonFixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseTranslationTest {

    @Test
    void anOpenAiCompletionWithToolCallsBecomesAnAnthropicMessage() {
        ObjectNode chat = json("""
                {"id":"chatcmpl-abc123","object":"chat.completion","created":1700000000,"model":"gpt-4o-2024-08-06",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Let me check.","refusal":null,
                   "tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                                 {"id":"call_2","type":"function","function":{"name":"weather","arguments":"{not json"}}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150,
                          "prompt_tokens_details":{"cached_tokens":100}}}""");

        ObjectNode message = MessagesResponses.fromChat(chat, "claude-sonnet-4-5");

        assertThat(wire(message)).isEqualTo(json("""
                {"id":"msg_abc123","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"Let me check."},
                            {"type":"tool_use","id":"call_1","name":"weather","input":{"city":"Paris"}},
                            {"type":"tool_use","id":"call_2","name":"weather","input":{}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":30}}"""));
    }

    @Test
    void anAnthropicMessageBecomesAnOpenAiCompletionCountingCachedTokensAsPrompt() {
        ObjectNode message = json("""
                {"id":"msg_01XYZ","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"thinking","thinking":"hmm","signature":"s"},
                            {"type":"text","text":"Hello "},{"type":"text","text":"there."}],
                 "stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":10,"cache_creation_input_tokens":5,"cache_read_input_tokens":100,"output_tokens":7}}""");

        ObjectNode chat = ChatResponses.fromMessages(message, "gpt-4o", 1700000000L);

        assertThat(wire(chat)).isEqualTo(json("""
                {"id":"chatcmpl-01XYZ","object":"chat.completion","created":1700000000,"model":"gpt-4o",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there.","refusal":null},
                             "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":115,"completion_tokens":7,"total_tokens":122,
                          "prompt_tokens_details":{"cached_tokens":100}}}"""));
    }

    @Test
    void aToolOnlyAnthropicAnswerHasNullContentAndStringArguments() {
        ObjectNode message = json("""
                {"id":"msg_1","type":"message","role":"assistant","model":"m",
                 "content":[{"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Rome"}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":4}}""");

        ObjectNode chat = ChatResponses.fromMessages(message, "gpt-4o", 1L);

        assertThat(chat.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(chat.at("/choices/0/message/tool_calls")).isEqualTo(json("""
                {"t":[{"id":"toolu_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]}""")
                .get("t"));
        assertThat(chat.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @ParameterizedTest
    @CsvSource({"stop,end_turn", "length,max_tokens", "tool_calls,tool_use", "function_call,tool_use",
            "content_filter,refusal"})
    void mapsFinishReasonToStopReason(String finishReason, String stopReason) {
        ObjectNode chat = json("""
                {"id":"chatcmpl-1","choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":"%s"}]}"""
                .formatted(finishReason));

        assertThat(MessagesResponses.fromChat(chat, "m").get("stop_reason").asText()).isEqualTo(stopReason);
    }

    @ParameterizedTest
    @CsvSource({"end_turn,stop", "stop_sequence,stop", "max_tokens,length", "tool_use,tool_calls",
            "refusal,content_filter", "pause_turn,stop"})
    void mapsStopReasonToFinishReason(String stopReason, String finishReason) {
        ObjectNode message = json("""
                {"id":"msg_1","content":[{"type":"text","text":"x"}],"stop_reason":"%s"}""".formatted(stopReason));

        assertThat(ChatResponses.fromMessages(message, "m", 0).at("/choices/0/finish_reason").asText())
                .isEqualTo(finishReason);
    }
}
