package dev.strait.gateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.sse.SseEvent;
import dev.strait.gateway.translate.StreamTranslator;
import dev.strait.gateway.translate.TokenUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Chat chunks (from an OpenAI upstream as they are, or from an Anthropic one already translated)
 * as Responses streaming events: {@code response.created}, {@code response.in_progress}, then per
 * output item {@code output_item.added}, its parts and deltas, {@code output_item.done}, and at the
 * end {@code response.completed} (or {@code response.incomplete}) with usage. Every event carries a
 * {@code sequence_number}. One instance per stream, on one event loop.
 */
final class ChatStreamToResponses implements StreamTranslator {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ResponsesCall call;
    private final StreamTranslator chat;
    private final BiConsumer<ObjectNode, ArrayNode> onFinished;
    private final List<ObjectNode> items = new ArrayList<>();
    private final Map<Integer, ToolCall> tools = new HashMap<>();
    private int sequence;
    private boolean started;
    private boolean finished;
    private int textIndex = -1;
    private StringBuilder text;
    private String finishReason;

    /** @param onFinished receives the final response and its output items, once */
    ChatStreamToResponses(ResponsesCall call, StreamTranslator chat, BiConsumer<ObjectNode, ArrayNode> onFinished) {
        this.call = call;
        this.chat = chat;
        this.onFinished = onFinished;
    }

    @Override
    public void onEvent(SseEvent upstream, Consumer<SseEvent> out) {
        chat.onEvent(upstream, event -> onChat(event, out));
    }

    @Override
    public TokenUsage usage() {
        return chat.usage();
    }

    private void onChat(SseEvent event, Consumer<SseEvent> out) {
        if (finished) {
            return;
        }
        if (!started) {
            started = true;
            ObjectNode initial = ResponseObjects.response(call, "in_progress", JSON.arrayNode(), null);
            emit(out, "response.created", JSON.objectNode().set("response", initial));
            emit(out, "response.in_progress", JSON.objectNode().set("response", initial.deepCopy()));
        }
        String data = event.data().strip();
        if (data.equals("[DONE]")) {
            finish(out);
            return;
        }
        JsonNode chunk;
        try {
            chunk = MAPPER.readTree(data);
        } catch (Exception e) {
            return;
        }
        if (chunk.has("error")) {
            failed(out, chunk.get("error"));
            return;
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        if (delta.path("content").isTextual() && !delta.path("content").asText().isEmpty()) {
            text(out, delta.path("content").asText());
        }
        for (JsonNode toolDelta : delta.path("tool_calls")) {
            tool(out, toolDelta);
        }
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.path("finish_reason").asText();
        }
    }

    private void text(Consumer<SseEvent> out, String delta) {
        if (textIndex < 0) {
            textIndex = items.size();
            text = new StringBuilder();
            ObjectNode item = ResponseObjects.messageItem(call.itemId("msg_", textIndex), "in_progress");
            items.add(item);
            emit(out, "response.output_item.added", JSON.objectNode().put("output_index", textIndex)
                    .set("item", item.deepCopy()));
            emit(out, "response.content_part.added", part(textIndex).set("part", ResponseObjects.textPart("")));
        }
        text.append(delta);
        ObjectNode event = part(textIndex).put("delta", delta);
        event.putArray("logprobs");
        emit(out, "response.output_text.delta", event);
    }

    private void closeText(Consumer<SseEvent> out) {
        if (textIndex < 0 || text == null) {
            return;
        }
        String done = text.toString();
        text = null;
        ObjectNode event = part(textIndex).put("text", done);
        event.putArray("logprobs");
        emit(out, "response.output_text.done", event);
        emit(out, "response.content_part.done", part(textIndex).set("part", ResponseObjects.textPart(done)));
        ObjectNode item = ResponseObjects.messageItem(call.itemId("msg_", textIndex), "completed");
        item.withArray("content").add(ResponseObjects.textPart(done));
        items.set(textIndex, item);
        emit(out, "response.output_item.done", JSON.objectNode().put("output_index", textIndex).set("item", item));
    }

    private void tool(Consumer<SseEvent> out, JsonNode delta) {
        int index = delta.path("index").asInt(0);
        ToolCall call_ = tools.get(index);
        if (call_ == null) {
            closeText(out);
            call_ = new ToolCall(items.size(), call.itemId("fc_", items.size()), delta.path("id").asText(""),
                    delta.path("function").path("name").asText(""));
            tools.put(index, call_);
            ObjectNode item = ResponseObjects.functionCall(call_.itemId, call_.callId, call_.name, "", "in_progress");
            items.add(item);
            emit(out, "response.output_item.added", JSON.objectNode().put("output_index", call_.outputIndex)
                    .set("item", item.deepCopy()));
        }
        String arguments = delta.path("function").path("arguments").asText("");
        if (!arguments.isEmpty()) {
            call_.arguments.append(arguments);
            emit(out, "response.function_call_arguments.delta", JSON.objectNode().put("item_id", call_.itemId)
                    .put("output_index", call_.outputIndex).put("delta", arguments));
        }
    }

    private void finish(Consumer<SseEvent> out) {
        finished = true;
        closeText(out);
        tools.values().stream().sorted((a, b) -> Integer.compare(a.outputIndex, b.outputIndex)).forEach(t -> {
            String arguments = t.arguments.toString();
            emit(out, "response.function_call_arguments.done", JSON.objectNode().put("item_id", t.itemId)
                    .put("output_index", t.outputIndex).put("name", t.name).put("arguments", arguments));
            ObjectNode item = ResponseObjects.functionCall(t.itemId, t.callId, t.name, arguments, "completed");
            items.set(t.outputIndex, item);
            emit(out, "response.output_item.done", JSON.objectNode().put("output_index", t.outputIndex)
                    .set("item", item));
        });
        ArrayNode output = JSON.arrayNode().addAll(items);
        String status = ResponseObjects.status(finishReason);
        ObjectNode response = ResponseObjects.response(call, status, output, chat.usage());
        emit(out, status.equals("completed") ? "response.completed" : "response.incomplete",
                JSON.objectNode().set("response", response));
        onFinished.accept(response, output);
    }

    private void failed(Consumer<SseEvent> out, JsonNode error) {
        finished = true;
        ObjectNode response = ResponseObjects.response(call, "failed", JSON.arrayNode().addAll(items), chat.usage());
        response.putObject("error").put("code", "server_error")
                .put("message", error.path("message").asText("The upstream stream failed."));
        emit(out, "response.failed", JSON.objectNode().set("response", response));
    }

    private ObjectNode part(int outputIndex) {
        return JSON.objectNode().put("item_id", items.get(outputIndex).path("id").asText())
                .put("output_index", outputIndex).put("content_index", 0);
    }

    private void emit(Consumer<SseEvent> out, String type, ObjectNode fields) {
        ObjectNode event = JSON.objectNode().put("type", type);
        event.setAll(fields);
        event.put("sequence_number", sequence++);
        out.accept(SseEvent.named(type, event.toString()));
    }

    private static final class ToolCall {
        final int outputIndex;
        final String itemId;
        final String callId;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        ToolCall(int outputIndex, String itemId, String callId, String name) {
            this.outputIndex = outputIndex;
            this.itemId = itemId;
            this.callId = callId;
            this.name = name;
        }
    }
}
