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
        List<String> visible = catalog.models().stream().filter(m -> usable(exchange, catalog, m)).toList();
        boolean anthropic = exchange.dialect() == Dialect.ANTHROPIC;
        ObjectNode body;
        if (endpoint == Endpoint.GET_MODEL) {
            String id = exchange.route().pathModel();
            if (catalog.resolve(id).isEmpty() || !visible.contains(catalog.resolve(id).get())) {
                chain.fail(exchange, Failure.notFound("model_not_found", "The model '" + id + "' does not exist."));
                return;
            }
            body = describe(id, owner(catalog, id), anthropic);
        } else {
            body = list(catalog, visible, anthropic);
        }
        exchange.request().response().putHeader("content-type", "application/json").end(body.toString());
    }

    /** Listed only if this caller could use it: licensed, in its key's scope, served from a permitted region. */
    private static boolean usable(Exchange exchange, Catalog catalog, String model) {
        return exchange.policy().evaluate(exchange.principal().org(), model).allowed()
                && exchange.principal().key().allowsModel(model)
                && catalog.deploymentsOf(model).stream().anyMatch(d -> exchange.market().serveFrom().contains(d.region()));
    }

    private ObjectNode list(Catalog catalog, List<String> ids, boolean anthropic) {
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
