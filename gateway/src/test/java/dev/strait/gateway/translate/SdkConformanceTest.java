package dev.strait.gateway.translate;

import static dev.strait.gateway.translate.JsonFixtures.MAPPER;
import static dev.strait.gateway.translate.JsonFixtures.anthropic;
import static dev.strait.gateway.translate.JsonFixtures.json;
import static dev.strait.gateway.translate.JsonFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.strait.core.sse.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What we emit must parse and validate with the official SDKs' own models, not just look right. */
class SdkConformanceTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper OPENAI =
            com.openai.core.ObjectMappers.jsonMapper();
    private static final com.fasterxml.jackson.databind.ObjectMapper ANTHROPIC =
            com.anthropic.core.ObjectMappers.jsonMapper();

    @Test
    void translatedResponsesValidateWithBothSdks() throws Exception {
        var message = MessagesResponses.fromChat(json("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi","tool_calls":[
                   {"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}"""), "claude");
        ANTHROPIC.readValue(message.toString(), Message.class).validate();

        var chat = ChatResponses.fromMessages(json("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude",
                 "content":[{"type":"text","text":"Hi"},{"type":"tool_use","id":"toolu_1","name":"f","input":{"a":1}}],
                 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":2}}"""), "gpt-4o", 1L);
        ChatCompletion completion = OPENAI.readValue(chat.toString(), ChatCompletion.class);
        completion.validate();
        assertThat(completion.choices().getFirst().message().toolCalls().orElseThrow()).hasSize(1);
    }

    @Test
    void translatedAnthropicStreamEventsValidateWithTheAnthropicSdk() throws Exception {
        List<SseEvent> out = run(new ChatStreamToMessagesStream("claude", MAPPER), List.of(
                SseEvent.data("""
                        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o",
                         "choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}"""),
                SseEvent.data("""
                        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o",
                         "choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function",
                          "function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}"""),
                SseEvent.data("""
                        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[],
                         "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""")));

        assertThat(out).hasSize(9);
        for (SseEvent event : out) {
            RawMessageStreamEvent parsed = ANTHROPIC.readValue(event.data(), RawMessageStreamEvent.class);
            parsed.validate();
            assertThat(event.event()).isEqualTo(JsonFixtures.data(event).get("type").asText());
        }
    }

    @Test
    void translatedChatChunksValidateWithTheOpenAiSdk() throws Exception {
        List<SseEvent> out = run(new MessagesStreamToChatStream("gpt-4o", "chatcmpl-1", 1L, true), List.of(
                anthropic("""
                        {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"c",
                         "content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}"""),
                anthropic("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                anthropic("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"),
                anthropic("{\"type\":\"content_block_stop\",\"index\":0}"),
                anthropic("""
                        {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"f","input":{}}}"""),
                anthropic("""
                        {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{}"}}"""),
                anthropic("{\"type\":\"content_block_stop\",\"index\":1}"),
                anthropic("""
                        {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":3}}"""),
                anthropic("{\"type\":\"message_stop\"}")));

        assertThat(out.getLast().data()).isEqualTo("[DONE]");
        for (SseEvent event : out.subList(0, out.size() - 1)) {
            OPENAI.readValue(event.data(), ChatCompletionChunk.class).validate();
        }
    }
}
