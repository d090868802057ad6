package dev.strait.gateway.facade;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.strait.core.error.Failure;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import dev.strait.gateway.front.Endpoint;
import dev.strait.gateway.meter.TokenEstimator;

/**
 * Anthropic's {@code POST /v1/messages/count_tokens}, answered here with the gateway's own token
 * counts: no upstream call, no usage record, and the same number limits and cut streams are
 * counted with. For Claude models it is an estimate (their tokenizer is not public).
 */
public final class CountTokens implements Stage {

    private final TokenEstimator estimator;

    public CountTokens(TokenEstimator estimator) {
        this.estimator = estimator;
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        if (exchange.endpoint() != Endpoint.COUNT_TOKENS) {
            chain.proceed(exchange);
            return;
        }
        String model = exchange.body().path("model").asText("");
        if (model.isEmpty()) {
            chain.fail(exchange, Failure.invalid("missing_model", "model: Field required", "model"));
            return;
        }
        long tokens = estimator.input(model, exchange.body());
        exchange.request().response().putHeader("content-type", "application/json")
                .end(JsonNodeFactory.instance.objectNode().put("input_tokens", tokens).toString());
    }
}
