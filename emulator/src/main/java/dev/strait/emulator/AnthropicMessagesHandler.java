package dev.strait.emulator;

import com.knuddels.jtokkit.api.Encoding;
import dev.strait.core.sse.SseEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * POST /v1/messages: one content block (text, or tool_use when tools are offered and the last user
 * turn is not a tool result), answered whole or as Anthropic's named event sequence.
 */
final class AnthropicMessagesHandler {

    private final Services services;

    AnthropicMessagesHandler(Services services) {
        this.services = services;
    }

    void handle(Exchange ex) {
        Encoding encoding = services.tokens().forAnthropic();
        AnthropicRequest request = AnthropicRequest.parse(ex, encoding);
        String id = services.ids().next("msg_", 24);
        ToolCall call = null;
        Reply reply = null;
        String stopReason;
        if (request.tool() != null) {
            call = ToolCall.of(services.ids().next("toolu_", 24), request.tool().getString("name"),
                    Json.object(request.tool(), "input_schema"), encoding, services.text());
            stopReason = "tool_use";
        } else {
            reply = services.text().reply(encoding, request.prompt(), 0, request.maxTokens(), request.stops());
            stopReason = reply.truncated() ? "max_tokens" : reply.stopSequence() != null ? "stop_sequence" : "end_turn";
        }
        String stopSequence = reply == null ? null : reply.stopSequence();
        int output = call != null ? call.tokens() : reply.tokens();
        if (!request.stream()) {
            JsonObject block = call != null
                    ? new JsonObject().put("type", "tool_use").put("id", call.id()).put("name", call.name()).put("input", call.input())
                    : new JsonObject().put("type", "text").put("text", reply.text());
            ex.json(200, message(id, request.model(), new JsonArray().add(block), stopReason, stopSequence,
                    usage(request.inputTokens(), output)));
            return;
        }
        List<StreamPacer.Chunk> chunks = new ArrayList<>();
        chunks.add(framing("message_start", new JsonObject().put("type", "message_start")
                .put("message", message(id, request.model(), new JsonArray(), null, null, usage(request.inputTokens(), 1)))));
        JsonObject startBlock = call != null
                ? new JsonObject().put("type", "tool_use").put("id", call.id()).put("name", call.name()).put("input", new JsonObject())
                : new JsonObject().put("type", "text").put("text", "");
        chunks.add(framing("content_block_start", new JsonObject().put("type", "content_block_start").put("index", 0).put("content_block", startBlock)));
        chunks.add(framing("ping", new JsonObject().put("type", "ping")));
        if (call != null) {
            for (String fragment : call.fragments()) {
                chunks.add(delta(new JsonObject().put("type", "input_json_delta").put("partial_json", fragment), 1));
            }
        } else {
            for (Reply.Piece piece : reply.pieces()) {
                if (!piece.text().isEmpty()) {
                    chunks.add(delta(new JsonObject().put("type", "text_delta").put("text", piece.text()), piece.tokens()));
                }
            }
        }
        chunks.add(framing("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0)));
        chunks.add(framing("message_delta", new JsonObject().put("type", "message_delta")
                .put("delta", new JsonObject().put("stop_reason", stopReason).put("stop_sequence", stopSequence))
                .put("usage", new JsonObject().put("output_tokens", output))));
        chunks.add(framing("message_stop", new JsonObject().put("type", "message_stop")));
        ex.stream(chunks);
    }

    private static JsonObject message(String id, String model, JsonArray content, String stopReason, String stopSequence, JsonObject usage) {
        return new JsonObject()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model)
                .put("content", content)
                .put("stop_reason", stopReason)
                .put("stop_sequence", stopSequence)
                .put("usage", usage);
    }

    private static JsonObject usage(int input, int output) {
        return new JsonObject()
                .put("input_tokens", input)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0)
                .put("output_tokens", output);
    }

    private static StreamPacer.Chunk delta(JsonObject delta, int tokens) {
        JsonObject event = new JsonObject().put("type", "content_block_delta").put("index", 0).put("delta", delta);
        return StreamPacer.Chunk.content(SseEvent.named("content_block_delta", event.encode()), tokens);
    }

    private static StreamPacer.Chunk framing(String name, JsonObject event) {
        return StreamPacer.Chunk.framing(SseEvent.named(name, event.encode()));
    }
}
