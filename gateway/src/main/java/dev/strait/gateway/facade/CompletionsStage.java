package dev.strait.gateway.facade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import dev.strait.gateway.front.Endpoint;

/**
 * Legacy {@code POST /v1/completions} as a chat request of one user message, so that it reaches
 * chat-only upstreams (every provider in the catalog) through the usual stages.
 */
public final class CompletionsStage implements Stage {

    /** OpenAI's default for the legacy endpoint, which differs from chat's (none). */
    private static final int LEGACY_DEFAULT_MAX_TOKENS = 16;

    @Override
    public void handle(Exchange exchange, Chain chain) {
        if (exchange.endpoint() != Endpoint.COMPLETIONS) {
            chain.proceed(exchange);
            return;
        }
        ObjectNode legacy = exchange.body();
        ObjectNode chat = JsonNodeFactory.instance.objectNode();
        chat.set("model", legacy.get("model"));
        JsonNode prompt = legacy.get("prompt");
        chat.putArray("messages").addObject().put("role", "user")
                .put("content", prompt.isArray() ? prompt.get(0).asText() : prompt.asText());
        chat.put("max_tokens", legacy.path("max_tokens").asInt(LEGACY_DEFAULT_MAX_TOKENS));
        for (String same : new String[] {"temperature", "top_p", "stop", "presence_penalty", "frequency_penalty",
                "seed", "logit_bias", "user"}) {
            if (legacy.hasNonNull(same)) {
                chat.set(same, legacy.get(same));
            }
        }
        boolean stream = legacy.path("stream").asBoolean(false);
        if (stream) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        }
        boolean callerWantsUsage = legacy.path("stream_options").path("include_usage").asBoolean(false);
        exchange.body(chat, exchange.bodyBytes());
        exchange.facade(new CompletionsFacade(legacy.path("model").asText(), callerWantsUsage));
        chain.proceed(exchange);
    }
}
