package dev.strait.gateway.front;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.deploy.Catalog;
import dev.strait.core.deploy.Deployment;
import dev.strait.core.error.Failure;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import dev.strait.gateway.route.Routing;
import java.time.Instant;
import java.util.List;

/** Answers {@code GET /v1/models[/{id}]} in OpenAI's or Anthropic's shape, from the catalog. */
public final class ModelList implements Stage {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Routing routing;
    private final long publishedEpochSeconds;

    public ModelList(Routing routing, Instant published) {
        this.routing = routing;
        this.publishedEpochSeconds = published.getEpochSecond();
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        Endpoint endpoint = exchange.endpoint();
        if (endpoint != Endpoint.LIST_MODELS && endpoint != Endpoint.GET_MODEL) {
            chain.proceed(exchange);
            return;
        }
        Catalog catalog = routing.current().catalog();
        boolean anthropic = exchange.dialect() == Dialect.ANTHROPIC;
        ObjectNode body;
        if (endpoint == Endpoint.GET_MODEL) {
            String id = exchange.route().pathModel();
            if (catalog.resolve(id).isEmpty()) {
                chain.fail(exchange, Failure.notFound("model_not_found", "The model '" + id + "' does not exist."));
                return;
            }
            body = describe(id, owner(catalog, id), anthropic);
        } else {
            body = list(catalog, anthropic);
        }
        exchange.request().response().putHeader("content-type", "application/json").end(body.toString());
    }

    private ObjectNode list(Catalog catalog, boolean anthropic) {
        List<String> ids = catalog.models();
        ArrayNode data = JSON.arrayNode();
        for (String id : ids) {
            data.add(describe(id, owner(catalog, id), anthropic));
        }
        ObjectNode body = JSON.objectNode();
        if (anthropic) {
            body.set("data", data);
            body.put("has_more", false)
                    .put("first_id", ids.isEmpty() ? null : ids.getFirst())
                    .put("last_id", ids.isEmpty() ? null : ids.getLast());
        } else {
            body.put("object", "list").set("data", data);
        }
        return body;
    }

    private ObjectNode describe(String id, String owner, boolean anthropic) {
        if (anthropic) {
            return JSON.objectNode().put("type", "model").put("id", id).put("display_name", id)
                    .put("created_at", Instant.ofEpochSecond(publishedEpochSeconds).toString());
        }
        return JSON.objectNode().put("id", id).put("object", "model").put("created", publishedEpochSeconds)
                .put("owned_by", owner);
    }

    private static String owner(Catalog catalog, String requested) {
        String model = catalog.resolve(requested).orElse(requested);
        List<Deployment> deployments = catalog.deploymentsOf(model);
        return deployments.isEmpty() ? "strait" : deployments.getFirst().provider().name();
    }
}
