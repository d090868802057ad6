package dev.strait.gateway.limit;

import dev.strait.core.access.AccessSnapshot;
import dev.strait.core.access.OrgLimits;
import dev.strait.core.error.Failure;
import dev.strait.core.usage.Price;
import dev.strait.core.usage.PriceBook;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import io.vertx.core.http.HttpServerResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Holds an organization to its requests per minute and its monthly budget. The budget is
 * reserved at the request's largest possible cost (every byte of the body a token, plus its
 * {@code max_tokens}), so concurrent requests can never together spend past it.
 */
public final class Limit implements Stage {

    /** Given to budget-held requests that set no output limit of their own. */
    private static final int DEFAULT_MAX_OUTPUT = 16_384;

    private final Supplier<AccessSnapshot> access;
    private final Supplier<PriceBook> prices;
    private final RequestRates rates;
    private final Budgets budgets;
    private final Clock clock;

    public Limit(Supplier<AccessSnapshot> access, Supplier<PriceBook> prices, RequestRates rates, Budgets budgets,
            Clock clock) {
        this.access = access;
        this.prices = prices;
        this.rates = rates;
        this.budgets = budgets;
        this.clock = clock;
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        String org = exchange.principal().org().id();
        OrgLimits limits = access.get().limits(org);
        if (limits == null || !exchange.endpoint().proxied()) {
            chain.proceed(exchange);
            return;
        }
        HttpServerResponse response = exchange.request().response();
        if (limits.requestsPerMinute() != null) {
            long now = clock.millis();
            int remaining = rates.acquire(org, limits.requestsPerMinute(), now);
            long reset = RequestRates.secondsToReset(now);
            response.putHeader("x-ratelimit-limit-requests", Integer.toString(limits.requestsPerMinute()))
                    .putHeader("x-ratelimit-remaining-requests", Integer.toString(Math.max(0, remaining)))
                    .putHeader("x-ratelimit-reset-requests", reset + "s");
            if (remaining < 0) {
                chain.fail(exchange, new Failure(Failure.Kind.RATE_LIMITED, "rate_limit_exceeded",
                        "Rate limit reached: " + limits.requestsPerMinute() + " requests per minute. Retry in " + reset
                                + " s.", null, Duration.ofSeconds(reset)));
                return;
            }
        }
        if (limits.monthlyBudget() != null) {
            Price price = prices.get().price(exchange.model(), exchange.principal().org().market()).orElse(null);
            if (price != null) {
                if (!price.currency().equals(limits.currency())) {
                    chain.fail(exchange, Failure.of(Failure.Kind.PERMISSION, "budget_currency_mismatch",
                            "The organization's budget is in " + limits.currency() + " but this model is priced in "
                                    + price.currency() + "."));
                    return;
                }
                BigDecimal most = price.cost(exchange.bodyBytes(), 0, maxOutput(exchange));
                Budgets.Reservation reservation = budgets.reserve(org, limits.monthlyBudget(), most);
                if (reservation == null) {
                    chain.fail(exchange, new Failure(Failure.Kind.RATE_LIMITED, "budget_exceeded",
                            "The organization's monthly budget of " + limits.monthlyBudget().toPlainString() + " "
                                    + limits.currency() + " is spent.", null, Duration.ofSeconds(
                                    RequestRates.secondsToReset(clock.millis()))));
                    return;
                }
                exchange.reservation(reservation);
            }
        }
        chain.proceed(exchange);
    }

    /** The most output the request can produce; one that names no limit is given one, so it cannot exceed it. */
    private static long maxOutput(Exchange exchange) {
        long n = exchange.body().path("max_completion_tokens").asLong(exchange.body().path("max_tokens").asLong(0));
        if (n <= 0) {
            n = DEFAULT_MAX_OUTPUT;
            exchange.body().put(exchange.dialect().openAiBodies() ? "max_completion_tokens" : "max_tokens", n);
        }
        return n * Math.max(1, exchange.body().path("n").asInt(1));
    }
}
