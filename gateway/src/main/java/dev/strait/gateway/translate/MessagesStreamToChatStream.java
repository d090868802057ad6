package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.sse.SseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An Anthropic Messages stream as an OpenAI {@code chat.completion.chunk} stream.
 *
 * <p>Anthropic numbers content blocks across text and tool use; OpenAI numbers tool calls among
 * themselves, so each tool_use block gets the next tool-call ordinal. The stream ends with exactly
 * one {@code [DONE]}: after message_stop or after an error.
 * A mid-stream error becomes a data line with an {@code error} object, which the OpenAI SDKs turn
 * into an exception (openai-java throws {@code SseException} for any such line).
 */
public final class MessagesStreamToChatStream implements StreamTranslator {

    private static final String DONE = "[DONE]";

    private final String model;
    private final String id;
    private final long created;
    private final boolean includeUsage;
    private final Map<Integer, Integer> toolOrdinalByBlock = new HashMap<>();
    private boolean started;
    private boolean finished;
    private String finishReason;
    private long inputTokens;
    private long cacheReadTokens;
    private long cacheWriteTokens;
    private long outputTokens;

    public MessagesStreamToChatStream(String model, String id, long created, boolean includeUsage) {
        this.model = model;
        this.id = id;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    @Override
    public void onEvent(SseEvent upstream, Consumer<SseEvent> out) {
        if (finished) {
            return;
        }
        JsonNode data = Json.parse(Json.MAPPER, upstream.data());
        String type = upstream.event() != null ? upstream.event() : Json.text(data, "type");
        if (data == null || type == null) {
            return;
        }
        switch (type) {
            case "message_start" -> {
                absorbUsage(data.path("message").path("usage"));
                start(out);
            }
            case "content_block_start" -> blockStart(data, out);
            case "content_block_delta" -> blockDelta(data, out);
            case "message_delta" -> {
                absorbUsage(data.get("usage"));
                start(out);
                finishReason = StopReasons.toOpenAi(Json.text(data.path("delta"), "stop_reason"));
                out.accept(chunk(Json.object(), finishReason));
            }
            case "message_stop" -> finish(out);
            case "error" -> fail(data.path("error"), out);
            // ping, content_block_stop and event types added later carry nothing a chunk can say.
            default -> { }
        }
    }

    @Override
    public TokenUsage usage() {
        return new TokenUsage(inputTokens + cacheReadTokens + cacheWriteTokens, outputTokens, cacheReadTokens);
    }

    private void blockStart(JsonNode data, Consumer<SseEvent> out) {
        start(out);
        JsonNode block = data.path("content_block");
        String type = Json.text(block, "type");
        if ("tool_use".equals(type)) {
            int ordinal = toolOrdinalByBlock.size();
            toolOrdinalByBlock.put(data.path("index").asInt(), ordinal);
            ObjectNode call = toolCallDelta(ordinal);
            call.put("id", Json.text(block, "id"));
            call.put("type", "function");
            call.putObject("function").put("name", Json.text(block, "name")).put("arguments", "");
            out.accept(chunk(toolCallsDelta(call), null));
        } else if ("text".equals(type) && !block.path("text").asText("").isEmpty()) {
            out.accept(chunk(Json.object().put("content", block.get("text").asText()), null));
        }
    }

    private void blockDelta(JsonNode data, Consumer<SseEvent> out) {
        start(out);
        JsonNode delta = data.path("delta");
        switch (String.valueOf(Json.text(delta, "type"))) {
            case "text_delta" -> out.accept(chunk(Json.object().put("content", Json.text(delta, "text")), null));
            case "input_json_delta" -> {
                Integer ordinal = toolOrdinalByBlock.get(data.path("index").asInt());
                String fragment = Json.text(delta, "partial_json");
                if (ordinal != null && fragment != null && !fragment.isEmpty()) {
                    ObjectNode call = toolCallDelta(ordinal);
                    call.putObject("function").put("arguments", fragment);
                    out.accept(chunk(toolCallsDelta(call), null));
                }
            }
            // thinking, signature and citation deltas have no place in a chat completion chunk.
            default -> { }
        }
    }

    /** The first chunk announces the role, as OpenAI's own streams do. */
    private void start(Consumer<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        out.accept(chunk(Json.object().put("role", "assistant").put("content", ""), null));
    }

    private void finish(Consumer<SseEvent> out) {
        start(out);
        if (finishReason == null) {
            finishReason = "stop";
            out.accept(chunk(Json.object(), finishReason));
        }
        if (includeUsage) {
            ObjectNode last = header();
            last.putArray("choices");
            last.set("usage", Usages.toOpenAi(usage()));
            out.accept(SseEvent.data(Json.write(last)));
        }
        done(out);
    }

    private void fail(JsonNode anthropicError, Consumer<SseEvent> out) {
        int status = ErrorBodies.statusOfAnthropicType(Json.text(anthropicError, "type"));
        ObjectNode body = Json.object();
        body.set("error", anthropicError);
        out.accept(SseEvent.data(Json.write(ErrorBodies.openAiFromAnthropic(status, body))));
        done(out);
    }

    private void done(Consumer<SseEvent> out) {
        finished = true;
        out.accept(SseEvent.data(DONE));
    }

    /** Anthropic reports usage cumulatively; a later field replaces an earlier one. */
    private void absorbUsage(JsonNode usage) {
        if (!Json.present(usage)) {
            return;
        }
        inputTokens = usage.has("input_tokens") ? Json.number(usage, "input_tokens") : inputTokens;
        cacheReadTokens = usage.has("cache_read_input_tokens") ? Json.number(usage, "cache_read_input_tokens") : cacheReadTokens;
        cacheWriteTokens = usage.has("cache_creation_input_tokens")
                ? Json.number(usage, "cache_creation_input_tokens") : cacheWriteTokens;
        outputTokens = usage.has("output_tokens") ? Json.number(usage, "output_tokens") : outputTokens;
    }

    private static ObjectNode toolCallDelta(int ordinal) {
        return Json.object().put("index", ordinal);
    }

    private static ObjectNode toolCallsDelta(ObjectNode call) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private SseEvent chunk(ObjectNode delta, String finish) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        return SseEvent.data(Json.write(chunk));
    }

    private ObjectNode header() {
        return Json.object()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model);
    }
}
