package dev.strait.emulator;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Takes every request through the same admission, in this order: record it, resolve its fault
 * plan, reset or wait as the plan says, check the auth header, fail as the plan says, parse the
 * body, hand it to the route's handler. Nothing escapes as a stack trace: any surprise is a 500 in
 * the route's dialect.
 */
final class Router implements Handler<HttpServerRequest>, Route.Handlers {

    private final Services services;
    private final AtomicReference<Faults> faults;
    private final ControlApi control;
    private final OpenAiChatHandler chat;
    private final OpenAiEmbeddingsHandler embeddings;
    private final OpenAiModelsHandler models = new OpenAiModelsHandler();
    private final AnthropicMessagesHandler messages;

    Router(Services services, AtomicReference<Faults> faults) {
        this.services = services;
        this.faults = faults;
        this.control = new ControlApi(faults::get, faults::set, services.stats());
        this.chat = new OpenAiChatHandler(services);
        this.embeddings = new OpenAiEmbeddingsHandler(services);
        this.messages = new AnthropicMessagesHandler(services);
    }

    @Override
    public void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            String body = buffer.toString();
            try {
                if (request.path().startsWith(ControlApi.PREFIX)) {
                    control.handle(request, body);
                } else {
                    serve(request, Route.resolve(request.method(), request.path(), this), body);
                }
            } catch (RuntimeException e) {
                Responses.error(request, Dialect.OPENAI, 500, "internal emulator error", Faults.none());
            }
        });
    }

    private void serve(HttpServerRequest request, Route route, String body) {
        services.stats().recordRequest(request.path(), headers(request), body);
        String requestId = services.ids().next("req_", 24);
        request.response().putHeader(route.dialect() == Dialect.ANTHROPIC ? "request-id" : "x-request-id", requestId);
        if (!route.known() || (route.azure() && request.getParam("api-version") == null)) {
            String message = route.dialect() == Dialect.OPENAI
                    ? "Unknown request URL: " + request.method() + " " + request.path() + ". Please check the URL for typos."
                    : route.dialect() == Dialect.AZURE ? "Resource not found" : "Not Found";
            Responses.error(request, route.dialect(), 404, message, Faults.none());
            return;
        }
        Faults plan;
        try {
            String header = request.getHeader("x-emulator-fault");
            plan = header == null ? faults.get() : Faults.fromJson(new JsonObject(header));
        } catch (RuntimeException e) {
            Responses.error(request, route.dialect(), 400, "invalid x-emulator-fault header: " + e.getMessage(), Faults.none());
            return;
        }
        if (plan.resetConnection()) {
            reset(request);
            return;
        }
        long latencyMs = plan.latency().toMillis();
        if (latencyMs > 0) {
            services.vertx().setTimer(latencyMs, id -> admit(request, route, body, plan));
        } else {
            admit(request, route, body, plan);
        }
    }

    private void admit(HttpServerRequest request, Route route, String body, Faults plan) {
        Dialect dialect = route.dialect();
        try {
            if (!authorized(request, route)) {
                Responses.error(request, dialect, 401, unauthorized(dialect), plan);
                return;
            }
            if (plan.failStatus() > 0) {
                Responses.error(request, dialect, plan.failStatus(), null, plan);
                return;
            }
            JsonObject json = request.method() == HttpMethod.GET ? new JsonObject() : parse(body, dialect);
            route.action().accept(new Exchange(request, json, dialect, route.deployment(), plan, services), route.argument());
        } catch (BadRequest e) {
            Responses.error(request, dialect, 400, e.getMessage(), plan);
        } catch (RuntimeException e) {
            Responses.error(request, dialect, 500, "internal emulator error: " + e.getClass().getSimpleName(), plan);
        }
    }

    private static JsonObject parse(String body, Dialect dialect) {
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new BadRequest(dialect == Dialect.ANTHROPIC
                    ? "There was an error parsing the body of your request: it must be a JSON object"
                    : "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.");
        }
    }

    /** Any non-empty key is accepted: the emulator checks that a key was sent, not which. */
    private static boolean authorized(HttpServerRequest request, Route route) {
        String authorization = request.getHeader("authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank();
        boolean apiKey = present(request.getHeader("api-key"));
        boolean xApiKey = present(request.getHeader("x-api-key"));
        if (route.anyKey()) {
            return bearer || apiKey || xApiKey;
        }
        return switch (route.dialect()) {
            case OPENAI -> bearer;
            case AZURE -> apiKey || bearer;
            case ANTHROPIC -> xApiKey || bearer;
        };
    }

    private static String unauthorized(Dialect dialect) {
        return switch (dialect) {
            case OPENAI -> "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
            case AZURE -> "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.";
            case ANTHROPIC -> "x-api-key header is required";
        };
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** HTTP/1.1: drop the TCP connection. HTTP/2: reset the one stream, as an upstream would. */
    private static void reset(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            request.response().reset();
        } else {
            request.connection().close();
        }
    }

    private static Map<String, String> headers(HttpServerRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        request.headers().forEach(e -> out.merge(e.getKey().toLowerCase(Locale.ROOT), e.getValue(), (a, b) -> a + ", " + b));
        return out;
    }

    @Override
    public void chat(Exchange ex) {
        chat.handle(ex);
    }

    @Override
    public void embeddings(Exchange ex) {
        embeddings.handle(ex);
    }

    @Override
    public void messages(Exchange ex) {
        messages.handle(ex);
    }

    @Override
    public void listModels(Exchange ex) {
        models.list(ex);
    }

    @Override
    public void getModel(Exchange ex, String id) {
        models.get(ex, id);
    }
}
