package dev.strait.gateway.policy;

import dev.strait.core.error.Failure;
import dev.strait.core.policy.Decision;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;

/** Whether the caller's market is licensed for the model, and whether its key may call it. */
public final class Entitle implements Stage {

    @Override
    public void handle(Exchange exchange, Chain chain) {
        if (!exchange.endpoint().proxied()) {
            chain.proceed(exchange);
            return;
        }
        Decision decision = exchange.policy().evaluate(exchange.principal().org(), exchange.model());
        if (!decision.allowed()) {
            chain.fail(exchange, Denials.failure(exchange, decision));
            return;
        }
        if (!exchange.principal().key().allowsModel(exchange.model())) {
            chain.fail(exchange, Failure.of(Failure.Kind.PERMISSION, "model_not_in_key_scope",
                    "This API key may not call the model '" + exchange.requestedModel() + "'."));
            return;
        }
        chain.proceed(exchange);
    }
}
