package dev.strait.gateway.route;

import dev.strait.core.error.Failure;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import java.util.Optional;

/** Names the model a request is for, after aliases; unknown models end here. */
public final class ResolveModel implements Stage {

    private final Routing routing;

    public ResolveModel(Routing routing) {
        this.routing = routing;
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        if (!exchange.endpoint().proxied()) {
            chain.proceed(exchange);
            return;
        }
        String requested = exchange.route().pathModel() != null
                ? exchange.route().pathModel()
                : exchange.body().path("model").asText(null);
        if (requested == null || requested.isBlank()) {
            chain.fail(exchange, Failure.invalid("missing_model", "You must provide a model parameter.", "model"));
            return;
        }
        exchange.requestedModel(requested);
        Optional<String> model = routing.current().catalog().resolve(requested);
        if (model.isEmpty()) {
            chain.fail(exchange, Failure.notFound("model_not_found",
                    "The model '" + requested + "' does not exist or you do not have access to it."));
            return;
        }
        exchange.model(model.get());
        chain.proceed(exchange);
    }
}
