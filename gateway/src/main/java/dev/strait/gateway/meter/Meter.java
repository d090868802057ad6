package dev.strait.gateway.meter;

import dev.strait.core.deploy.Deployment;
import dev.strait.core.usage.Price;
import dev.strait.core.usage.PriceBook;
import dev.strait.core.usage.UsageRecord;
import dev.strait.core.usage.UsageSink;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.observe.GatewayMetrics;
import dev.strait.gateway.traffic.ServedRequest;
import dev.strait.gateway.traffic.TrafficSink;
import dev.strait.gateway.translate.TokenUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Turns a served exchange into its usage record and hands it to this event loop's sink, once, just
 * before the caller sees the end of the answer: a response that completed has its record.
 */
public final class Meter {

    private final UsageSink sink;
    private final Supplier<PriceBook> prices;
    private final Clock clock;
    private final GatewayMetrics metrics;

    private final TokenEstimator estimator;
    private final TrafficSink traffic;

    /** @param traffic where each served request goes after its answer, for monitoring and provenance */
    public Meter(UsageSink sink, Supplier<PriceBook> prices, Clock clock, GatewayMetrics metrics, TokenEstimator estimator,
            TrafficSink traffic) {
        this.estimator = estimator;
        this.traffic = traffic;
        this.sink = sink;
        this.metrics = metrics;
        this.prices = prices;
        this.clock = clock;
    }

    public void record(Exchange exchange, int status) {
        Deployment d = exchange.servedBy();
        if (d == null || exchange.principal() == null || !exchange.markMetered()) {
            return;
        }
        TokenUsage usage = exchange.usage();
        // A stream cut or abandoned before its final usage: the provider's numbers, if any, are provisional
        // (Anthropic reports output_tokens: 1 at message_start), so count what was streamed here as well.
        boolean incomplete = exchange.stream() && (status == 499 || exchange.failureCode() != null);
        boolean estimated = exchange.stream() && exchange.streamedEvents() > 0
                && (usage.equals(TokenUsage.NONE) || incomplete);
        if (estimated) {
            // Streams carry about one token per content event; the first and last events are framing.
            long input = usage.inputTokens() > 0 ? usage.inputTokens() : estimator.input(d.upstreamModel(), exchange.body());
            usage = new TokenUsage(input, Math.max(usage.outputTokens(), Math.max(1, exchange.streamedEvents() - 2)),
                    usage.cachedInputTokens());
        }
        String market = exchange.principal().org().market();
        PriceBook book = prices.get();
        Price price = (exchange.batch() ? book.batchPrice(d.model(), market) : book.price(d.model(), market)).orElse(null);
        BigDecimal cost = price == null ? BigDecimal.ZERO
                : price.cost(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens());
        UsageRecord record = new UsageRecord(exchange.id(), clock.instant(), exchange.principal().org().id(),
                exchange.principal().key().projectId(), exchange.principal().key().id(), market, d.model(), d.name(),
                d.region(), status, exchange.stream(), usage.inputTokens(), usage.outputTokens(),
                usage.cachedInputTokens(), estimated, (System.nanoTime() - exchange.startNanos()) / 1_000, cost,
                price == null ? "USD" : price.currency(), price == null ? "unpriced" : book.version());
        sink.record(record);
        metrics.usage(record);
        if (exchange.grants() != null) {
            exchange.grants().settle(cost, usage.inputTokens() + usage.outputTokens());
        }
        if (exchange.capturing()) {
            var request = exchange.request();
            traffic.offer(new ServedRequest(exchange.id(), record.at(), record.orgId(), record.projectId(),
                    record.keyId(), market, d.model(), request.path(),
                    request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                    request.getHeader("user-agent"), exchange.body(), status, !exchange.dialect().openAiBodies(),
                    exchange.answerBody(), exchange.streamedData(), usage.inputTokens(), usage.outputTokens()));
        }
    }

    public boolean capturesTraffic() {
        return traffic != TrafficSink.NONE;
    }
}
