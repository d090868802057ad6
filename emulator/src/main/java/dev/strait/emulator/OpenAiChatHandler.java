package dev.strait.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** POST /v1/chat/completions (and Azure's deployment route): generates the choices, answers whole or streamed. */
final class OpenAiChatHandler {

    /** One generated choice: a text reply or a tool call. */
    record Choice(int index, Reply reply, ToolCall call, String finishReason) {

        int tokens() {
            return call != null ? call.tokens() : reply.tokens();
        }
    }

    private final Services services;

    OpenAiChatHandler(Services services) {
        this.services = services;
    }

    void handle(Exchange ex) {
        OpenAiChatRequest request = OpenAiChatRequest.parse(ex, services.tokens());
        String id = services.ids().next("chatcmpl-", 29);
        long created = services.epochSeconds();
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            choices.add(choose(request, i));
        }
        int completion = choices.stream().mapToInt(Choice::tokens).sum();
        JsonObject usage = usage(request.promptTokens(), completion);
        boolean azure = ex.dialect() == Dialect.AZURE;
        if (request.stream()) {
            ex.stream(new OpenAiChatStream(id, created, request, azure).chunks(choices, usage));
            return;
        }
        JsonArray out = new JsonArray();
        for (Choice choice : choices) {
            JsonObject item = new JsonObject()
                    .put("index", choice.index())
                    .put("message", message(choice))
                    .put("logprobs", request.logprobs() && choice.reply() != null
                            ? OpenAiLogprobs.of(choice.reply().pieces(), request.topLogprobs()) : null)
                    .put("finish_reason", choice.finishReason());
            if (azure) {
                item.put("content_filter_results", AzureFilters.results());
            }
            out.add(item);
        }
        JsonObject body = new JsonObject()
                .put("id", id)
                .put("object", "chat.completion")
                .put("created", created)
                .put("model", request.model());
        if (azure) {
            body.put("prompt_filter_results", AzureFilters.promptResults());
        }
        ex.json(200, body.put("choices", out).put("usage", usage).put("system_fingerprint", "fp_emulator"));
    }

    private Choice choose(OpenAiChatRequest request, int index) {
        if (request.function() != null) {
            JsonObject function = request.function();
            ToolCall call = ToolCall.of(services.ids().next("call_", 24), function.getString("name"),
                    Json.object(function, "parameters"), request.encoding(), services.text());
            return new Choice(index, null, call, "tool_calls");
        }
        String natural = services.text().naturalText(request.encoding(), request.prompt(), index);
        String text = structured(request.responseFormat(), natural);
        Reply reply = services.text().render(request.encoding(), text, request.maxTokens(), request.stops());
        return new Choice(index, reply, null, reply.truncated() ? "length" : "stop");
    }

    /** JSON mode answers with a JSON object: the schema's sample, or the natural text wrapped in one. */
    private static String structured(JsonObject format, String natural) {
        String type = format == null ? "text" : format.getString("type", "text");
        return switch (type) {
            case "json_object" -> new JsonObject().put("reply", natural).encode();
            case "json_schema" -> {
                JsonObject spec = Json.object(format, "json_schema");
                yield SchemaSampler.sampleObject(spec == null ? null : Json.object(spec, "schema")).encode();
            }
            default -> natural;
        };
    }

    private static JsonObject message(Choice choice) {
        JsonObject message = new JsonObject().put("role", "assistant");
        if (choice.call() == null) {
            return message.put("content", choice.reply().text()).put("refusal", null);
        }
        ToolCall call = choice.call();
        return message.put("content", null).put("refusal", null).put("tool_calls", new JsonArray().add(new JsonObject()
                .put("id", call.id())
                .put("type", "function")
                .put("function", new JsonObject().put("name", call.name()).put("arguments", call.arguments()))));
    }

    static JsonObject usage(int prompt, int completion) {
        return new JsonObject()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion)
                .put("prompt_tokens_details", new JsonObject().put("cached_tokens", 0).put("audio_tokens", 0))
                .put("completion_tokens_details", new JsonObject()
                        .put("reasoning_tokens", 0)
                        .put("audio_tokens", 0)
                        .put("accepted_prediction_tokens", 0)
                        .put("rejected_prediction_tokens", 0));
    }
}
