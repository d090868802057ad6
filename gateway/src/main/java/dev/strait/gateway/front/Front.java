package dev.strait.gateway.front;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.error.Failure;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The client-facing door: matches the route, reads and parses the body within its limits, and
 * runs the stages. Every failure, from here or from any stage, leaves through {@link #fail}, in
 * the caller's dialect.
 */
public final class Front implements Handler<HttpServerRequest> {

    private final List<Stage> stages;
    private final ObjectMapper mapper;
    private final int maxBodyBytes;
    private final Clock clock;
    private final Supplier<String> requestIds;
    private final java.util.function.Predicate<HttpServerRequest> trustedIds;
    private final Consumer<Exchange> onEnd;
    private final Chain chain;

    /**
     * @param trustedIds whether a request's own {@code x-request-id} may be its id (the node's own
     *     batch requests); a caller's id is only echoed, since the ledger is idempotent by request id
     * @param onEnd called once when an exchange is over: answered, failed or abandoned by the caller
     */
    public Front(List<Stage> stages, ObjectMapper mapper, int maxBodyBytes, Clock clock, Supplier<String> requestIds,
            java.util.function.Predicate<HttpServerRequest> trustedIds, Consumer<Exchange> onEnd) {
        this.trustedIds = trustedIds;
        this.stages = List.copyOf(stages);
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.requestIds = requestIds;
        this.onEnd = onEnd;
        this.chain = new Chain(this.stages, this::fail);
    }

    @Override
    public void handle(HttpServerRequest request) {
        long started = System.nanoTime();
        String given = givenId(request);
        String id = given != null && trustedIds.test(request) ? given : requestIds.get();
        HttpServerResponse response = request.response();
        response.putHeader("x-request-id", id);
        if (given != null && !given.equals(id)) {
            response.putHeader("x-client-request-id", given);
        }
        String path = request.path();
        boolean anthropicClient = request.getHeader("anthropic-version") != null;
        Optional<Route> matched = Routes.match(request.method(), path, anthropicClient);
        Route route = matched.orElseGet(() -> unmatched(path, anthropicClient));
        Exchange exchange = new Exchange(id, route, request, started, clock.instant().getEpochSecond());
        response.endHandler(v -> onEnd.accept(exchange));
        response.closeHandler(v -> {
            if (!response.ended()) {
                exchange.cancel();
                onEnd.accept(exchange);
            }
        });
        if (matched.isEmpty()) {
            boolean wrongMethod = Routes.knownPath(path);
            fail(exchange, new Failure(wrongMethod ? Failure.Kind.INVALID_REQUEST : Failure.Kind.NOT_FOUND,
                    wrongMethod ? "method_not_allowed" : "unknown_route",
                    wrongMethod ? "Method " + request.method() + " is not allowed on " + path + "."
                            : "Unknown request URL: " + request.method() + " " + path + ".", null, null));
            return;
        }
        if (route.dialect() == Dialect.AZURE && request.getParam("api-version") == null) {
            fail(exchange, Failure.invalid("missing_api_version",
                    "The 'api-version' query parameter is required on Azure OpenAI routes.", "api-version"));
            return;
        }
        if (request.method() != HttpMethod.POST) {
            chain.proceed(exchange);
            return;
        }
        readBody(exchange);
    }

    private void readBody(Exchange exchange) {
        HttpServerRequest request = exchange.request();
        String declared = request.getHeader("content-length");
        if (declared != null && parseLong(declared) > maxBodyBytes) {
            tooLarge(exchange);
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(piece -> {
            if (body.length() + piece.length() > maxBodyBytes) {
                if (!exchange.request().response().ended()) {
                    tooLarge(exchange);
                }
                return;
            }
            body.appendBuffer(piece);
        });
        request.endHandler(v -> {
            if (!exchange.request().response().ended()) {
                onBody(exchange, body);
            }
        });
    }

    private void onBody(Exchange exchange, Buffer body) {
        if (body.length() == 0 && exchange.endpoint() == Endpoint.BATCHES) {
            // Cancelling a batch is a POST that SDKs send without a body.
            exchange.body(mapper.createObjectNode(), 0);
            proceed(exchange);
            return;
        }
        if (exchange.endpoint().rawBody()) {
            exchange.rawBody(body);
            proceed(exchange);
            return;
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            fail(exchange, Failure.invalid("invalid_json", "We could not parse the JSON body of your request: "
                    + brief(e.getOriginalMessage()), null));
            return;
        } catch (IOException e) {
            fail(exchange, Failure.invalid("invalid_json", "We could not read the body of your request.", null));
            return;
        }
        if (!(parsed instanceof ObjectNode object)) {
            fail(exchange, Failure.invalid("invalid_json", "The request body must be a JSON object.", null));
            return;
        }
        Failure invalid = RequestChecks.check(exchange.endpoint(), object);
        if (invalid != null) {
            fail(exchange, invalid);
            return;
        }
        exchange.body(object, body.length());
        proceed(exchange);
    }

    private void proceed(Exchange exchange) {
        try {
            chain.proceed(exchange);
        } catch (RuntimeException e) {
            // A bug must cost one request, never the gateway, and never show the caller a trace.
            fail(exchange, Failure.of(Failure.Kind.INTERNAL, "internal_error", "The gateway failed to handle this request."));
        }
    }

    private void tooLarge(Exchange exchange) {
        exchange.request().response().putHeader("connection", "close");
        fail(exchange, Failure.of(Failure.Kind.TOO_LARGE, "request_too_large",
                "The request body exceeds the limit of " + maxBodyBytes + " bytes."));
    }

    /** Renders a failure in the caller's dialect; the one place a denial becomes a response. */
    void fail(Exchange exchange, Failure failure) {
        HttpServerResponse response = exchange.request().response();
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        exchange.failureCode(failure.code());
        if (failure.retryAfter() != null) {
            response.putHeader("retry-after", Long.toString(Math.max(1, failure.retryAfter().toSeconds())));
        }
        ObjectNode body = FailureBodies.render(exchange.dialect(), failure, exchange.id());
        response.setStatusCode(failure.status()).putHeader("content-type", "application/json").end(body.toString());
    }

    /** The caller's own request id, when it is a safe token: echoed back for correlation. */
    private static String givenId(HttpServerRequest request) {
        String given = request.getHeader("x-request-id");
        if (given == null) {
            given = request.getHeader("x-client-request-id");
        }
        return given != null && given.length() <= 128 && given.chars().allMatch(Front::safeIdChar) ? given : null;
    }

    private static boolean safeIdChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.';
    }

    private static Route unmatched(String path, boolean anthropicClient) {
        Dialect dialect = anthropicClient || path.startsWith("/v1/messages") ? Dialect.ANTHROPIC : Dialect.OPENAI;
        return new Route(Endpoint.UNMATCHED, dialect, null, "unmatched");
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String brief(String message) {
        if (message == null) {
            return "malformed JSON.";
        }
        String firstLine = message.lines().findFirst().orElse(message);
        return firstLine.length() > 200 ? firstLine.substring(0, 200) + "…" : firstLine;
    }
}
