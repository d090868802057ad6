package dev.strait.gateway.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.gateway.exchange.Exchange;

/**
 * One line and one set of measurements per finished exchange. Only identifiers, names and
 * numbers go in: never the key, never the prompt or the answer.
 */
public final class AccessLog {

    private final JsonLog log;
    private final GatewayMetrics metrics;

    public AccessLog(JsonLog log, GatewayMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    public void ended(Exchange exchange) {
        long nanos = System.nanoTime() - exchange.startNanos();
        int status = exchange.cancelled() ? 499 : exchange.request().response().getStatusCode();
        metrics.requestEnded(exchange, status, nanos);
        metrics.tokens(exchange);
        if (exchange.cancelled()) {
            metrics.clientCancelled(exchange);
        }
        ObjectNode line = log.line(status >= 500 ? "warn" : "info", "request")
                .put("request_id", exchange.id())
                .put("method", exchange.request().method().name())
                .put("route", exchange.route().template())
                .put("status", status)
                .put("duration_us", nanos / 1_000)
                .put("stream", exchange.stream());
        if (exchange.principal() != null) {
            line.put("org", exchange.principal().org().id()).put("market", exchange.principal().org().market())
                    .put("key", exchange.principal().key().prefix());
            if (exchange.principal().key().projectId() != null) {
                line.put("project", exchange.principal().key().projectId());
            }
        }
        if (exchange.deniedBy() != null) {
            line.put("denied_by", exchange.deniedBy());
        }
        if (exchange.model() != null) {
            line.put("model", exchange.model());
        }
        if (exchange.servedBy() != null) {
            line.put("deployment", exchange.servedBy().name()).put("region", exchange.servedBy().region())
                    .put("attempts", exchange.attempts())
                    .put("input_tokens", exchange.usage().inputTokens())
                    .put("output_tokens", exchange.usage().outputTokens());
        }
        if (exchange.failureCode() != null) {
            line.put("error_code", exchange.failureCode());
        }
        log.write(line);
    }
}
