package dev.strait.gateway.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.core.deploy.Deployment;
import dev.strait.gateway.GatewaySettings;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import dev.strait.gateway.meter.Meter;
import dev.strait.gateway.observe.GatewayMetrics;
import dev.strait.gateway.route.Routing;
import io.vertx.core.http.HttpClient;

/**
 * The last stage: sends the exchange to its candidate deployments in order until one answers,
 * failing over on connect errors, 429 and 5xx for as long as nothing has reached the caller.
 */
public final class Forward implements Stage {

    private final HttpClient client;
    private final HttpClient streamClient;
    private final ObjectMapper mapper;
    private final Routing routing;
    private final GatewaySettings settings;
    private final GatewayMetrics metrics;
    private final Meter meter;

    /** @param streamClient the client for streams, whose pool is sized for many long-held connections */
    public Forward(HttpClient client, HttpClient streamClient, ObjectMapper mapper, Routing routing, GatewaySettings settings,
            GatewayMetrics metrics, Meter meter) {
        this.meter = meter;
        this.client = client;
        this.streamClient = streamClient;
        this.mapper = mapper;
        this.routing = routing;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        exchange.capture(meter.capturesTraffic());
        new Attempts(exchange, chain, this).next();
    }

    HttpClient client(boolean stream) {
        return stream ? streamClient : client;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    Routing routing() {
        return routing;
    }

    GatewaySettings settings() {
        return settings;
    }

    Meter meter() {
        return meter;
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    /** Headers that tell the caller where its request was served. */
    static void decorate(io.vertx.core.http.HttpServerResponse response, Deployment d) {
        response.putHeader("x-strait-deployment", d.name()).putHeader("x-strait-region", d.region());
    }
}
