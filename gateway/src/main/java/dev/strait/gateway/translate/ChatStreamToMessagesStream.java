package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.sse.SseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An OpenAI {@code chat.completion.chunk} stream as an Anthropic Messages stream.
 *
 * <p>Anthropic blocks open, receive deltas and close one at a time, so a text run and each tool
 * call (told apart by the tool-call {@code index}) become consecutive blocks. OpenAI sends its
 * usage in a chunk of its own after the one with {@code finish_reason}, so message_delta, which
 * must carry both, waits for the usage chunk or {@code [DONE]}, whichever comes first. OpenAI
 * reports input tokens only at the end, so message_start says 0 and message_delta carries the
 * real count; the Anthropic SDKs take the later value.
 *
 * <p>The stream ends exactly once, with message_stop or, on failure, an {@code error} event,
 * after which Anthropic streams end too. Limitation: should an upstream resume arguments of a
 * tool call after another call has started (OpenAI does not), the late fragments are dropped,
 * because an Anthropic block cannot be reopened.
 */
public final class ChatStreamToMessagesStream implements StreamTranslator {

    private static final int NO_BLOCK = -1;

    private final String model;
    private final ObjectMapper mapper;
    private final Map<Integer, Integer> blockByToolIndex = new HashMap<>();
    private boolean started;
    private boolean finished;
    private String messageId = Ids.messageIdFromChat(null);
    private int openBlock = NO_BLOCK;
    private boolean openBlockIsText;
    private int nextBlock;
    private String stopReason;
    private boolean usageSeen;
    private TokenUsage usage = TokenUsage.NONE;

    public ChatStreamToMessagesStream(String model, ObjectMapper mapper) {
        this.model = model;
        this.mapper = mapper;
    }

    @Override
    public void onEvent(SseEvent upstream, Consumer<SseEvent> out) {
        if (finished) {
            return;
        }
        if ("[DONE]".equals(upstream.data().strip())) {
            finish(out);
            return;
        }
        JsonNode chunk = Json.parse(mapper, upstream.data());
        if (chunk == null || !chunk.isObject()) {
            return;
        }
        if (Json.present(chunk.get("error"))) {
            JsonNode error = chunk.get("error");
            fail(ErrorBodies.statusOfOpenAiError(error), ErrorBodies.messageOf(500, chunk), out);
            return;
        }
        if (!started && Json.text(chunk, "id") != null) {
            messageId = Ids.messageIdFromChat(Json.text(chunk, "id"));
        }
        start(out);
        JsonNode choice = chunk.path("choices").path(0);
        if (choice.isObject()) {
            choice(choice, out);
        }
        // With include_usage every chunk carries "usage": null; only the last one has numbers.
        if (chunk.path("usage").isObject()) {
            usage = Usages.fromOpenAi(chunk.get("usage"));
            usageSeen = true;
        }
        if (stopReason != null && usageSeen) {
            finish(out);
        }
    }

    @Override
    public TokenUsage usage() {
        return usage;
    }

    private void choice(JsonNode choice, Consumer<SseEvent> out) {
        JsonNode delta = choice.path("delta");
        text(Json.text(delta, "content"), out);
        text(Json.text(delta, "refusal"), out);
        for (JsonNode call : delta.path("tool_calls")) {
            toolCall(call, out);
        }
        String finishReason = Json.text(choice, "finish_reason");
        if (finishReason != null) {
            stopReason = StopReasons.toAnthropic(finishReason);
            closeBlock(out);
        }
    }

    private void text(String text, Consumer<SseEvent> out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (openBlock == NO_BLOCK || !openBlockIsText) {
            ObjectNode block = Json.object().put("type", "text").put("text", "");
            openBlock(block, true, out);
        }
        ObjectNode delta = Json.object().put("type", "text_delta").put("text", text);
        emit(out, "content_block_delta", Json.object().put("type", "content_block_delta").put("index", openBlock)
                .set("delta", delta));
    }

    private void toolCall(JsonNode call, Consumer<SseEvent> out) {
        int toolIndex = call.path("index").asInt(0);
        JsonNode function = call.path("function");
        Integer block = blockByToolIndex.get(toolIndex);
        if (block == null) {
            String id = Json.text(call, "id");
            ObjectNode start = Json.object().put("type", "tool_use")
                    // Some OpenAI-compatible upstreams omit the id; derive one the caller can echo back.
                    .put("id", id != null ? id : "toolu_" + messageId + "_" + toolIndex)
                    .put("name", String.valueOf(Json.text(function, "name")));
            start.putObject("input");
            block = openBlock(start, false, out);
            blockByToolIndex.put(toolIndex, block);
        }
        String fragment = Json.text(function, "arguments");
        if (fragment == null || fragment.isEmpty() || block != openBlock) {
            return;
        }
        ObjectNode delta = Json.object().put("type", "input_json_delta").put("partial_json", fragment);
        emit(out, "content_block_delta", Json.object().put("type", "content_block_delta").put("index", block)
                .set("delta", delta));
    }

    private int openBlock(ObjectNode contentBlock, boolean text, Consumer<SseEvent> out) {
        closeBlock(out);
        openBlock = nextBlock++;
        openBlockIsText = text;
        ObjectNode event = Json.object().put("type", "content_block_start").put("index", openBlock);
        event.set("content_block", contentBlock);
        emit(out, "content_block_start", event);
        return openBlock;
    }

    private void closeBlock(Consumer<SseEvent> out) {
        if (openBlock == NO_BLOCK) {
            return;
        }
        emit(out, "content_block_stop", Json.object().put("type", "content_block_stop").put("index", openBlock));
        openBlock = NO_BLOCK;
    }

    private void start(Consumer<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = Json.object()
                .put("id", messageId)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", Usages.toAnthropic(usage));
        ObjectNode event = Json.object().put("type", "message_start");
        event.set("message", message);
        emit(out, "message_start", event);
    }

    private void finish(Consumer<SseEvent> out) {
        start(out);
        closeBlock(out);
        ObjectNode event = Json.object().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", stopReason != null ? stopReason : "end_turn").putNull("stop_sequence");
        event.set("usage", Usages.toAnthropic(usage));
        emit(out, "message_delta", event);
        emit(out, "message_stop", Json.object().put("type", "message_stop"));
        finished = true;
    }

    private void fail(int status, String message, Consumer<SseEvent> out) {
        finished = true;
        emit(out, "error", ErrorBodies.anthropic(status, message));
    }

    private void emit(Consumer<SseEvent> out, String name, ObjectNode data) {
        out.accept(SseEvent.named(name, Json.write(mapper, data)));
    }
}
