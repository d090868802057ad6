package dev.strait.gateway.observe;

import dev.strait.core.deploy.Deployment;
import dev.strait.gateway.exchange.Exchange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's meters. Names follow the OpenTelemetry HTTP and GenAI semantic conventions where
 * one exists ({@code http.server.request.duration}, {@code gen_ai.client.operation.duration},
 * {@code gen_ai.client.token.usage}, {@code gen_ai.server.time_to_first_token}); the rest are
 * {@code strait.*}. Tag values come from configuration or closed sets, never from a caller's
 * free text, so cardinality stays bounded. Meters are cached by their tag values: registering
 * through Micrometer's builder on every request costs more than the recording.
 */
public final class GatewayMetrics {

    private static final Duration[] LATENCY_SLOS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
        Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120)
    };

    private record RequestKey(String route, int status, String model) {}

    private record UpstreamKey(Deployment deployment, String operation, String errorType) {}

    private record TokenKey(Deployment deployment, String type) {}

    private record UsageKey(String market, String model, String label) {}

    private final MeterRegistry registry;
    private final ConcurrentHashMap<RequestKey, Timer> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UpstreamKey, Timer> upstreams = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Deployment, Timer> firstTokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TokenKey, DistributionSummary> tokenSummaries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TokenKey, Counter> tokenCounters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UsageKey, Counter> usageCounters = new ConcurrentHashMap<>();

    private final Counter limitsUnavailable;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.limitsUnavailable = Counter.builder("strait.limits.unavailable")
                .description("Requests whose limit counters could not be reached").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void requestEnded(Exchange exchange, int status, long nanos) {
        RequestKey key = new RequestKey(exchange.route().template(), status,
                exchange.model() == null ? "none" : exchange.model());
        requests.computeIfAbsent(key, k -> Timer.builder("http.server.request.duration")
                        .description("Duration of client requests through the gateway")
                        .tag("http.route", k.route())
                        .tag("http.response.status_code", Integer.toString(k.status()))
                        .tag("gen_ai.request.model", k.model())
                        .serviceLevelObjectives(LATENCY_SLOS)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void upstreamEnded(Deployment d, String operation, String errorType, long nanos) {
        upstreams.computeIfAbsent(new UpstreamKey(d, operation, errorType == null ? "none" : errorType),
                        k -> Timer.builder("gen_ai.client.operation.duration")
                                .description("Duration of calls to upstream providers")
                                .tag("gen_ai.operation.name", k.operation())
                                .tag("gen_ai.provider.name", d.provider().name())
                                .tag("gen_ai.request.model", d.model())
                                .tag("strait.deployment", d.name())
                                .tag("strait.region", d.region())
                                .tag("error.type", k.errorType())
                                .serviceLevelObjectives(LATENCY_SLOS)
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void timeToFirstToken(Deployment d, long nanos) {
        firstTokens.computeIfAbsent(d, k -> Timer.builder("gen_ai.server.time_to_first_token")
                        .description("Time from request to the first streamed event sent to the caller")
                        .tag("gen_ai.request.model", d.model())
                        .tag("strait.deployment", d.name())
                        .serviceLevelObjectives(LATENCY_SLOS)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void tokens(Exchange exchange) {
        Deployment d = exchange.servedBy();
        if (d == null) {
            return;
        }
        record(d, "input", exchange.usage().inputTokens());
        record(d, "output", exchange.usage().outputTokens());
    }

    /**
     * Tokens and revenue by market and model, from the usage record. The counter is a double, fit
     * for dashboards; the ledger holds the exact amounts.
     */
    public void usage(dev.strait.core.usage.UsageRecord r) {
        usageCounter(r.market(), r.model(), "input").increment(r.inputTokens());
        usageCounter(r.market(), r.model(), "output").increment(r.outputTokens());
        usageCounters.computeIfAbsent(new UsageKey(r.market(), r.model(), r.currency()),
                        k -> Counter.builder("strait.revenue").baseUnit(k.label()).description("Billed amount")
                                .tag("strait.market", k.market()).tag("gen_ai.request.model", k.model())
                                .tag("currency", k.label()).register(registry))
                .increment(r.cost().doubleValue());
    }

    private Counter usageCounter(String market, String model, String type) {
        return usageCounters.computeIfAbsent(new UsageKey(market, model, type),
                k -> Counter.builder("strait.usage.tokens").description("Billed tokens")
                        .tag("strait.market", k.market()).tag("gen_ai.request.model", k.model())
                        .tag("gen_ai.token.type", k.label()).register(registry));
    }

    public void failover(Deployment from, String reason) {
        Counter.builder("strait.upstream.failovers").tag("strait.deployment", from.name()).tag("reason", reason)
                .register(registry).increment();
    }

    public void panicAttempt(Deployment to) {
        Counter.builder("strait.upstream.panic_attempts").tag("strait.deployment", to.name())
                .register(registry).increment();
    }

    public void limitsUnavailable() {
        limitsUnavailable.increment();
    }

    public void clientCancelled(Exchange exchange) {
        Counter.builder("strait.client.cancellations").tag("http.route", exchange.route().template())
                .register(registry).increment();
    }

    private void record(Deployment d, String type, long tokens) {
        TokenKey key = new TokenKey(d, type);
        tokenSummaries.computeIfAbsent(key, k -> DistributionSummary.builder("gen_ai.client.token.usage")
                        .description("Tokens used per request")
                        .baseUnit("tokens")
                        .tag("gen_ai.token.type", type)
                        .tag("gen_ai.request.model", d.model())
                        .tag("gen_ai.provider.name", d.provider().name())
                        .serviceLevelObjectives(1, 10, 100, 1_000, 10_000, 100_000, 1_000_000)
                        .register(registry))
                .record(tokens);
        tokenCounters.computeIfAbsent(key, k -> Counter.builder("strait.tokens").tag("gen_ai.token.type", type)
                        .tag("gen_ai.request.model", d.model()).tag("strait.region", d.region()).register(registry))
                .increment(tokens);
    }
}
