package dev.strait.gateway.limit;

import dev.strait.core.access.AccessSnapshot;
import dev.strait.core.access.LimitRule;
import dev.strait.core.error.Failure;
import dev.strait.core.usage.Price;
import dev.strait.core.usage.PriceBook;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Holds a request to every limit rule that applies to it (its organization's, project's and key's,
 * on all models and on its model): requests and tokens per minute, and monthly budgets. All checks
 * run at once and either all hold or none does. Tokens are taken at an estimate (a token per four
 * bytes of body plus the output the request asks for) and budgets at the request's largest possible
 * cost; both settle to the actual figures once the request is metered.
 */
public final class Limit implements Stage {

    /** Given to budget-held requests that set no output limit of their own. */
    private static final int DEFAULT_MAX_OUTPUT = 16_384;

    private final Supplier<AccessSnapshot> access;
    private final Supplier<PriceBook> prices;
    private final LimitCounters counters;
    private final Clock clock;
    private final java.util.function.Consumer<Throwable> countersUnavailable;

    /** @param countersUnavailable told each time the counters could not be reached */
    public Limit(Supplier<AccessSnapshot> access, Supplier<PriceBook> prices, LimitCounters counters, Clock clock,
            java.util.function.Consumer<Throwable> countersUnavailable) {
        this.access = access;
        this.prices = prices;
        this.counters = counters;
        this.clock = clock;
        this.countersUnavailable = countersUnavailable;
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        List<LimitRule> rules = exchange.endpoint().proxied()
                ? access.get().limitsFor(exchange.principal(), exchange.model()) : List.of();
        if (rules.isEmpty()) {
            chain.proceed(exchange);
            return;
        }
        long now = clock.millis();
        Checks checks = new Checks(now / 60_000, YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString(), now);
        long tokens = (exchange.bodyBytes() + 3) / 4 + requestedOutput(exchange);
        BigDecimal mostCost = null;
        for (LimitRule rule : rules) {
            if (rule.requestsPerMinute() != null) {
                checks.add(Check.Kind.REQUESTS, rule, 1, null,
                        counters.take(rule.counterKey() + ":r", checks.minute, 1, rule.requestsPerMinute()));
            }
            if (rule.tokensPerMinute() != null) {
                checks.add(Check.Kind.TOKENS, rule, tokens, null,
                        counters.take(rule.counterKey() + ":t", checks.minute, tokens, rule.tokensPerMinute()));
            }
            if (rule.monthlyBudget() != null) {
                Price price = prices.get().price(exchange.model(), exchange.principal().org().market()).orElse(null);
                if (price == null) {
                    continue; // unpriced models cost nothing
                }
                if (!price.currency().equals(rule.currency())) {
                    checks.abandon();
                    chain.fail(exchange, Failure.of(Failure.Kind.PERMISSION, "budget_currency_mismatch",
                            "The budget of " + rule.describe() + " is in " + rule.currency()
                                    + " but this model is priced in " + price.currency() + "."));
                    return;
                }
                if (mostCost == null) {
                    mostCost = price.cost(exchange.bodyBytes(), 0, maxOutput(exchange));
                }
                checks.add(Check.Kind.BUDGET, rule, 0, mostCost,
                        counters.reserve(rule.counterKey(), checks.month, rule.monthlyBudget(), mostCost));
            }
        }
        Context context = Vertx.currentContext();
        Future.join(checks.futures()).onComplete(done -> {
            if (context == null || context == Vertx.currentContext()) {
                decide(exchange, chain, checks);
            } else {
                context.runOnContext(v -> decide(exchange, chain, checks));
            }
        });
    }

    private void decide(Exchange exchange, Chain chain, Checks checks) {
        Check refused = null;
        Throwable unreachable = null;
        for (Check c : checks.all) {
            if (c.result.failed()) {
                unreachable = c.result.cause();
            } else if (refused == null && !c.held()) {
                refused = c;
            }
        }
        if (unreachable != null) {
            countersUnavailable.accept(unreachable);
        }
        if (refused != null || (unreachable != null && !counters.failOpen())) {
            checks.abandon();
            checks.headers(exchange);
            chain.fail(exchange, refused != null ? refusal(refused, checks) : new Failure(Failure.Kind.UNAVAILABLE,
                    "limits_unavailable", "Rate limits cannot be checked right now. Retry shortly.", null,
                    Duration.ofSeconds(1)));
            return;
        }
        Grants grants = new Grants(counters);
        for (Check c : checks.all) {
            if (c.result.succeeded() && c.kind == Check.Kind.TOKENS) {
                grants.tokens(c.rule.counterKey() + ":t", checks.minute, c.amount);
            } else if (c.result.succeeded() && c.kind == Check.Kind.BUDGET) {
                grants.hold(c.rule.counterKey(), checks.month, c.cost);
            }
        }
        exchange.grants(grants);
        checks.headers(exchange);
        chain.proceed(exchange);
    }

    private Failure refusal(Check c, Checks checks) {
        if (c.kind == Check.Kind.BUDGET) {
            YearMonth month = YearMonth.parse(checks.month);
            long untilNextMonth = Math.max(1, month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond()
                    - checks.nowMillis / 1000);
            return new Failure(Failure.Kind.RATE_LIMITED, "budget_exceeded", "The monthly budget of "
                    + c.rule.describe() + " (" + c.rule.monthlyBudget().toPlainString() + " " + c.rule.currency()
                    + ") is spent.", null, Duration.ofSeconds(untilNextMonth));
        }
        long reset = checks.secondsToReset();
        String what = c.kind == Check.Kind.REQUESTS
                ? c.rule.requestsPerMinute() + " requests per minute"
                : c.rule.tokensPerMinute() + " tokens per minute (this request needs about " + c.amount + ")";
        return new Failure(Failure.Kind.RATE_LIMITED, "rate_limit_exceeded", "Rate limit reached for "
                + c.rule.describe() + ": " + what + ". Retry in " + reset + " s.", null, Duration.ofSeconds(reset));
    }

    /** The output the request itself asks for, before any default is put in. */
    private static long requestedOutput(Exchange exchange) {
        long n = exchange.body().path("max_completion_tokens").asLong(exchange.body().path("max_tokens").asLong(0));
        return Math.max(0, n) * Math.max(1, exchange.body().path("n").asInt(1));
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

    /** One counter a request is checked against. */
    private record Check(Kind kind, LimitRule rule, long amount, BigDecimal cost, Future<?> result) {
        enum Kind { REQUESTS, TOKENS, BUDGET }

        boolean held() {
            Object r = result.result();
            return r instanceof Long remaining ? remaining >= 0 : Boolean.TRUE.equals(r);
        }

        long remaining() {
            return result.succeeded() && result.result() instanceof Long remaining ? remaining : -1;
        }
    }

    /** The checks of one request, and how to take them back. */
    private final class Checks {
        final long minute;
        final String month;
        final long nowMillis;
        final List<Check> all = new ArrayList<>(4);

        Checks(long minute, String month, long nowMillis) {
            this.minute = minute;
            this.month = month;
            this.nowMillis = nowMillis;
        }

        void add(Check.Kind kind, LimitRule rule, long amount, BigDecimal cost, Future<?> result) {
            all.add(new Check(kind, rule, amount, cost, result));
        }

        List<Future<?>> futures() {
            return all.stream().<Future<?>>map(Check::result).toList();
        }

        long secondsToReset() {
            return (60_000 - nowMillis % 60_000 + 999) / 1_000;
        }

        /** Gives back whatever was taken, once every check has answered. */
        void abandon() {
            Future.join(futures()).onComplete(done -> {
                for (Check c : all) {
                    if (c.result.succeeded() && c.held()) {
                        switch (c.kind) {
                            case REQUESTS -> counters.adjust(c.rule.counterKey() + ":r", minute, -1);
                            case TOKENS -> counters.adjust(c.rule.counterKey() + ":t", minute, -c.amount);
                            case BUDGET -> counters.settle(c.rule.counterKey(), month, c.cost, BigDecimal.ZERO);
                        }
                    }
                }
            });
        }

        /** The tightest request and token windows, in OpenAI's headers. */
        void headers(Exchange exchange) {
            Check requests = tightest(Check.Kind.REQUESTS);
            Check tokens = tightest(Check.Kind.TOKENS);
            var response = exchange.request().response();
            String reset = secondsToReset() + "s";
            if (requests != null) {
                response.putHeader("x-ratelimit-limit-requests", requests.rule.requestsPerMinute().toString())
                        .putHeader("x-ratelimit-remaining-requests", Long.toString(Math.max(0, requests.remaining())))
                        .putHeader("x-ratelimit-reset-requests", reset);
            }
            if (tokens != null) {
                response.putHeader("x-ratelimit-limit-tokens", tokens.rule.tokensPerMinute().toString())
                        .putHeader("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, tokens.remaining())))
                        .putHeader("x-ratelimit-reset-tokens", reset);
            }
        }

        private Check tightest(Check.Kind kind) {
            Check best = null;
            for (Check c : all) {
                if (c.kind == kind && c.result.succeeded() && (best == null || c.remaining() < best.remaining())) {
                    best = c;
                }
            }
            return best;
        }
    }
}
