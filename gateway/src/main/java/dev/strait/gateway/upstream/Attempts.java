package dev.strait.gateway.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.deploy.Deployment;
import dev.strait.core.error.Failure;
import dev.strait.core.sse.SseEvent;
import dev.strait.core.sse.SseParser;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.route.DeploymentHealth;
import dev.strait.gateway.stream.ClientStream;
import dev.strait.gateway.translate.StreamTranslator;
import dev.strait.gateway.translate.TranslationException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/** The attempts of one exchange, one candidate after another. Runs on the exchange's event loop. */
final class Attempts {

    private final Exchange exchange;
    private final Chain chain;
    private final Forward forward;
    private final List<Deployment> candidates;
    private int index;
    private Failure lastFailure;
    private HttpClientRequest inFlight;
    /** Candidates passed over because their circuit was open; made only when one is. */
    private ArrayDeque<DeploymentHealth> outOfRotation;

    Attempts(Exchange exchange, Chain chain, Forward forward) {
        this.exchange = exchange;
        this.chain = chain;
        this.forward = forward;
        this.candidates = exchange.candidates();
    }

    void next() {
        if (exchange.cancelled()) {
            return;
        }
        while (index < candidates.size()) {
            Deployment d = candidates.get(index++);
            DeploymentHealth health = forward.routing().current().health().of(d);
            if (health == null) {
                continue;
            }
            if (health.breaker().tryAcquire()) {
                attempt(d, health);
                return;
            }
            if (outOfRotation == null) {
                outOfRotation = new ArrayDeque<>(candidates.size());
            }
            outOfRotation.add(health);
        }
        // An open circuit is a guess that a deployment is down; a refusal is a certain error. When no
        // permitted deployment is left in rotation, try the ones out of it (Envoy's "panic" routing):
        // a deployment that recovered serves, and its success closes its circuit.
        DeploymentHealth panic = outOfRotation == null ? null : outOfRotation.poll();
        if (panic != null) {
            forward.metrics().panicAttempt(panic.deployment());
            attempt(panic.deployment(), panic);
            return;
        }
        chain.fail(exchange, lastFailure != null ? lastFailure : new Failure(Failure.Kind.UNAVAILABLE,
                "no_healthy_deployment", "No deployment of model '" + exchange.requestedModel()
                        + "' is available right now. Try again shortly.", null, Duration.ofSeconds(1)));
    }

    private void attempt(Deployment d, DeploymentHealth health) {
        exchange.countAttempt();
        health.attempted();
        Bridge bridge = Bridge.between(exchange, d, forward.mapper());
        byte[] body;
        try {
            body = forward.mapper().writeValueAsBytes(bridge.upstreamBody(exchange, d));
        } catch (TranslationException e) {
            health.breaker().onAbandoned();
            chain.fail(exchange, Failure.invalid("unsupported_parameter", e.getMessage(), e.param()));
            return;
        } catch (IOException e) {
            health.breaker().onAbandoned();
            chain.fail(exchange, Failure.of(Failure.Kind.INTERNAL, "internal_error", "The request could not be encoded."));
            return;
        }
        RequestOptions options = UpstreamTarget.options(d, exchange.endpoint(), exchange.stream())
                .setConnectTimeout(forward.settings().connectTimeout().toMillis())
                .setIdleTimeout(forward.settings().idleTimeout().toMillis());
        long started = System.nanoTime();
        forward.client(exchange.stream()).request(options)
                .compose(request -> {
                    inFlight = request;
                    exchange.onCancel(request::reset);
                    return request.send(Buffer.buffer(body));
                })
                .onComplete(result -> {
                    if (exchange.cancelled()) {
                        health.breaker().onAbandoned();
                    } else if (result.failed() && UpstreamTls.refused(result.cause())) {
                        failedOver(d, health, started, "tls", upstreamFailure("upstream_tls_refused", d,
                                UpstreamTls.reason(result.cause())));
                    } else if (result.failed()) {
                        failedOver(d, health, started, "connect",
                                upstreamFailure("upstream_unreachable", d, result.cause().getMessage()));
                    } else {
                        onResponse(result.result(), d, health, bridge, started);
                    }
                });
    }

    private void onResponse(HttpClientResponse response, Deployment d, DeploymentHealth health, Bridge bridge,
            long started) {
        int status = response.statusCode();
        if (status >= 400) {
            response.body().onComplete(b -> rejected(status, response.getHeader("retry-after"),
                    b.succeeded() ? b.result().getBytes() : new byte[0], d, health, bridge, started));
        } else if (exchange.stream()) {
            relay(response, d, health, bridge, started);
        } else {
            response.body().onComplete(b -> {
                if (b.failed()) {
                    failedOver(d, health, started, "body", upstreamFailure("upstream_interrupted", d, b.cause().getMessage()));
                    return;
                }
                answer(b.result().getBytes(), d, health, bridge, started);
            });
        }
    }

    private void answer(byte[] upstreamBody, Deployment d, DeploymentHealth health, Bridge bridge, long started) {
        Bridge.Answer answer;
        try {
            answer = bridge.answer(upstreamBody, exchange);
        } catch (IOException | RuntimeException e) {
            failedOver(d, health, started, "invalid_response", upstreamFailure("upstream_invalid_response", d,
                    "the upstream answered with a body that is not valid JSON"));
            return;
        }
        health.succeeded();
        forward.metrics().upstreamEnded(d, exchange.endpoint().operation, null, System.nanoTime() - started);
        exchange.servedBy(d);
        exchange.usage(answer.usage());
        exchange.answerBody(answer.body());
        var response = exchange.request().response();
        Forward.decorate(response, d);
        forward.meter().record(exchange, 200);
        response.setStatusCode(200).putHeader("content-type", "application/json").end(Buffer.buffer(answer.body()));
    }

    private void rejected(int status, String retryAfter, byte[] body, Deployment d, DeploymentHealth health,
            Bridge bridge, long started) {
        // 401 and 403 from a provider mean the operator's credential is wrong, not the caller's.
        if (status == 429 || status == 408 || status == 401 || status == 403 || status >= 500) {
            if (status == 429) {
                health.breaker().onAbandoned();
                forward.metrics().upstreamEnded(d, exchange.endpoint().operation, "429", System.nanoTime() - started);
                forward.metrics().failover(d, "429");
                lastFailure = new Failure(Failure.Kind.RATE_LIMITED, "upstream_rate_limited",
                        "The model '" + exchange.requestedModel() + "' is rate limited upstream. Retry after a moment.",
                        null, retryAfter(retryAfter));
                next();
            } else {
                failedOver(d, health, started, Integer.toString(status), upstreamFailure("upstream_error", d,
                        "HTTP " + status));
            }
            return;
        }
        // Any other 4xx is the caller's request at fault: no other deployment would answer differently.
        health.succeeded();
        forward.metrics().upstreamEnded(d, exchange.endpoint().operation, Integer.toString(status), System.nanoTime() - started);
        exchange.servedBy(d);
        ObjectNode error = bridge.callerError(status, body);
        forward.meter().record(exchange, status);
        if (error == null) {
            chain.fail(exchange, new Failure(kindOf(status), "upstream_rejected",
                    "The upstream provider rejected the request (HTTP " + status + ").", null, null));
            return;
        }
        exchange.failureCode("upstream_" + status);
        var response = exchange.request().response();
        Forward.decorate(response, d);
        response.setStatusCode(status).putHeader("content-type", "application/json").end(error.toString());
    }

    private void relay(HttpClientResponse response, Deployment d, DeploymentHealth health, Bridge bridge,
            long started) {
        ClientStream out = new ClientStream(exchange, r -> Forward.decorate(r, d));
        StreamTranslator translator = bridge.streamTranslator(exchange);
        boolean upstreamOpenAi = d.provider().kind().speaksOpenAi();
        StreamState state = new StreamState();
        SseParser parser = new SseParser(event -> {
            state.finished |= terminal(event, upstreamOpenAi);
            boolean first = !out.committed();
            translator.onEvent(event, out);
            if (first && out.committed()) {
                forward.metrics().timeToFirstToken(d, out.firstEventNanos() - exchange.startNanos());
            }
        });
        // A stream that goes quiet is broken: watch the gap between chunks, not the whole stream.
        long idleNanos = forward.settings().idleTimeout().toNanos();
        Vertx vertx = Vertx.currentContext().owner();
        vertx.setPeriodic(Math.max(50, idleNanos / 2_000_000), id -> {
            if (state.settled()) {
                vertx.cancelTimer(id);
            } else if (System.nanoTime() - state.lastData > idleNanos) {
                vertx.cancelTimer(id);
                broken(state, out, translator, d, health, started, "no data from the upstream for "
                        + forward.settings().idleTimeout().toMillis() + " ms");
                inFlight.reset();
            }
        });
        response.handler(chunk -> {
            state.lastData = System.nanoTime();
            parser.feed(chunk.getBytes());
            if (out.writeQueueFull()) {
                response.pause();
                out.drainHandler(response::resume);
            }
        });
        response.exceptionHandler(error -> broken(state, out, translator, d, health, started, error.getMessage()));
        response.endHandler(v -> {
            parser.finish();
            if (state.finished) {
                if (state.settle()) {
                    health.succeeded();
                    forward.metrics().upstreamEnded(d, exchange.endpoint().operation, null, System.nanoTime() - started);
                    exchange.servedBy(d);
                    exchange.usage(translator.usage());
                    forward.meter().record(exchange, 200);
                    out.end();
                }
            } else {
                broken(state, out, translator, d, health, started, "the upstream closed the stream before it finished");
            }
        });
    }

    private void broken(StreamState state, ClientStream out, StreamTranslator translator, Deployment d,
            DeploymentHealth health, long started, String reason) {
        if (!state.settle()) {
            return;
        }
        if (exchange.cancelled()) {
            health.breaker().onAbandoned();
            exchange.servedBy(d);
            exchange.usage(translator.usage());
            forward.meter().record(exchange, 499);
            return;
        }
        Failure failure = upstreamFailure("upstream_stream_interrupted", d, reason);
        if (!out.committed()) {
            failedOver(d, health, started, "stream", failure);
            return;
        }
        health.failed(reason);
        forward.metrics().upstreamEnded(d, exchange.endpoint().operation, "stream", System.nanoTime() - started);
        exchange.servedBy(d);
        exchange.usage(translator.usage());
        exchange.failureCode(failure.code());
        forward.meter().record(exchange, 200);
        out.endWithError(failure);
    }

    private void failedOver(Deployment d, DeploymentHealth health, long started, String errorType, Failure failure) {
        health.failed(failure.message());
        forward.metrics().upstreamEnded(d, exchange.endpoint().operation, errorType, System.nanoTime() - started);
        forward.metrics().failover(d, errorType);
        lastFailure = failure;
        next();
    }

    private Failure upstreamFailure(String code, Deployment d, String detail) {
        return Failure.of(Failure.Kind.UPSTREAM, code, "The upstream provider for model '" + exchange.requestedModel()
                + "' failed (" + code.replace('_', ' ') + ")" + (detail == null ? "." : ": " + detail));
    }

    private static boolean terminal(SseEvent event, boolean upstreamOpenAi) {
        return upstreamOpenAi
                ? "[DONE]".equals(event.data())
                : "message_stop".equals(event.event()) || "error".equals(event.event());
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return Duration.ofSeconds(1);
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static Failure.Kind kindOf(int status) {
        return switch (status) {
            case 401 -> Failure.Kind.AUTHENTICATION;
            case 403 -> Failure.Kind.PERMISSION;
            case 404 -> Failure.Kind.NOT_FOUND;
            case 413 -> Failure.Kind.TOO_LARGE;
            default -> Failure.Kind.INVALID_REQUEST;
        };
    }

    /** A stream settles once: its end, its error and its watchdog may all report it. */
    private static final class StreamState {
        boolean finished;
        long lastData = System.nanoTime();
        private boolean settled;

        boolean settle() {
            if (settled) {
                return false;
            }
            settled = true;
            return true;
        }

        boolean settled() {
            return settled;
        }
    }
}
