package dev.strait.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.deploy.Deployment;
import dev.strait.core.deploy.Secret;
import dev.strait.gateway.route.DeploymentHealth;
import dev.strait.gateway.route.Routing;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;

/** The operator's listener: probes, Prometheus metrics and the health of every deployment. */
public final class AdminRoutes implements Handler<HttpServerRequest> {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Routing routing;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;

    private final Secret token;
    private final Handler<HttpServerRequest> api;

    /**
     * @param token what {@code Authorization: Bearer} must carry on {@code /admin/*}
     * @param api the rest of the admin API, served after the token check; may be null
     */
    public AdminRoutes(Routing routing, PrometheusMeterRegistry registry, BooleanSupplier ready, Secret token,
            Handler<HttpServerRequest> api) {
        this.token = token;
        this.api = api;
        this.routing = routing;
        this.registry = registry;
        this.ready = ready;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = request.path();
        boolean guardedByApi = api instanceof SelfGuardedApi;
        if (path.startsWith("/admin/") && !guardedByApi && !authorized(request)) {
            json(request, 401, JSON.objectNode().put("error", token.isPresent()
                    ? "the admin API needs 'Authorization: Bearer <admin token>'"
                    : "the admin API is closed: no admin token is configured"));
            return;
        }
        switch (path) {
            case "/healthz" -> json(request, 200, JSON.objectNode().put("status", "ok"));
            case "/readyz" -> json(request, ready.getAsBoolean() ? 200 : 503,
                    JSON.objectNode().put("status", ready.getAsBoolean() ? "ready" : "starting"));
            case "/metrics" -> request.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape());
            case "/admin/deployments" -> {
                if (guardedByApi) {
                    api.handle(request);
                } else {
                    json(request, 200, deployments(routing));
                }
            }
            default -> {
                if (api != null) {
                    api.handle(request);
                } else {
                    json(request, 404, JSON.objectNode().put("error", "not found: " + path));
                }
            }
        }
    }

    /** Every deployment with its health, as {@code GET /admin/deployments} answers. */
    public static ObjectNode deployments(Routing routing) {
        ArrayNode list = JSON.arrayNode();
        for (DeploymentHealth health : routing.current().health().all()) {
            Deployment d = health.deployment();
            list.addObject()
                    .put("name", d.name())
                    .put("model", d.model())
                    .put("provider", d.provider().name())
                    .put("kind", d.provider().kind().id)
                    .put("region", d.region())
                    .put("endpoint", d.endpoint().toString())
                    .put("priority", d.priority())
                    .put("weight", d.weight())
                    .put("circuit", health.breaker().state().name().toLowerCase(java.util.Locale.ROOT))
                    .put("consecutive_failures", health.breaker().consecutiveFailures())
                    .put("attempts", health.attempts())
                    .put("failures", health.failures())
                    .put("last_error", health.lastError());
        }
        ObjectNode body = JSON.objectNode();
        body.set("deployments", list);
        return body;
    }

    private boolean authorized(HttpServerRequest request) {
        String header = request.getHeader("authorization");
        return token.isPresent() && header != null && header.startsWith("Bearer ")
                && java.security.MessageDigest.isEqual(header.substring(7).trim().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        token.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void json(HttpServerRequest request, int status, ObjectNode body) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toString());
    }
}
