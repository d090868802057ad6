package dev.strait.emulator;

import dev.strait.core.sse.SseEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunks of a streamed chat completion, in OpenAI's order: per choice a role chunk, one chunk
 * per token (tool calls: a header, then argument fragments), a finish chunk; then the usage chunk
 * when stream_options.include_usage asked for it, then [DONE]. Choices are sent one after another.
 */
final class OpenAiChatStream {

    private final String id;
    private final long created;
    private final OpenAiChatRequest request;
    private final boolean azure;

    OpenAiChatStream(String id, long created, OpenAiChatRequest request, boolean azure) {
        this.id = id;
        this.created = created;
        this.request = request;
        this.azure = azure;
    }

    List<StreamPacer.Chunk> chunks(List<OpenAiChatHandler.Choice> choices, JsonObject usage) {
        List<StreamPacer.Chunk> out = new ArrayList<>();
        for (OpenAiChatHandler.Choice choice : choices) {
            JsonObject role = new JsonObject().put("role", "assistant").put("content", choice.call() == null ? "" : null);
            JsonObject first = chunk(choice(choice.index(), role, null, null));
            if (azure && out.isEmpty()) {
                // Azure reports the prompt's filter verdict before any content.
                first.put("prompt_filter_results", AzureFilters.promptResults());
            }
            out.add(framing(first));
            if (choice.call() != null) {
                addToolCall(out, choice);
            } else {
                for (Reply.Piece piece : choice.reply().pieces()) {
                    if (piece.text().isEmpty()) {
                        continue;
                    }
                    JsonObject logprobs = request.logprobs() ? OpenAiLogprobs.of(List.of(piece), request.topLogprobs()) : null;
                    JsonObject delta = new JsonObject().put("content", piece.text());
                    out.add(StreamPacer.Chunk.content(event(chunk(choice(choice.index(), delta, logprobs, null))), piece.tokens()));
                }
            }
            out.add(framing(chunk(choice(choice.index(), new JsonObject(), null, choice.finishReason()))));
        }
        if (request.includeUsage()) {
            out.add(framing(chunk(new JsonArray()).put("usage", usage)));
        }
        out.add(StreamPacer.Chunk.framing(SseEvent.data("[DONE]")));
        return out;
    }

    private void addToolCall(List<StreamPacer.Chunk> out, OpenAiChatHandler.Choice choice) {
        ToolCall call = choice.call();
        JsonObject header = new JsonObject()
                .put("index", 0)
                .put("id", call.id())
                .put("type", "function")
                .put("function", new JsonObject().put("name", call.name()).put("arguments", ""));
        out.add(framing(chunk(choice(choice.index(), new JsonObject().put("tool_calls", new JsonArray().add(header)), null, null))));
        for (String fragment : call.fragments()) {
            JsonObject part = new JsonObject().put("index", 0).put("function", new JsonObject().put("arguments", fragment));
            JsonObject delta = new JsonObject().put("tool_calls", new JsonArray().add(part));
            out.add(StreamPacer.Chunk.content(event(chunk(choice(choice.index(), delta, null, null))), 1));
        }
    }

    private static JsonArray choice(int index, JsonObject delta, JsonObject logprobs, String finishReason) {
        return new JsonArray().add(new JsonObject()
                .put("index", index)
                .put("delta", delta)
                .put("logprobs", logprobs)
                .put("finish_reason", finishReason));
    }

    /** Every chunk carries the same id, created and model; "usage": null on all but the last when usage is on. */
    private JsonObject chunk(JsonArray choices) {
        JsonObject chunk = new JsonObject()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", request.model())
                .put("system_fingerprint", "fp_emulator")
                .put("choices", choices);
        if (request.includeUsage()) {
            chunk.put("usage", null);
        }
        return chunk;
    }

    private static SseEvent event(JsonObject chunk) {
        return SseEvent.data(chunk.encode());
    }

    private static StreamPacer.Chunk framing(JsonObject chunk) {
        return StreamPacer.Chunk.framing(event(chunk));
    }
}
