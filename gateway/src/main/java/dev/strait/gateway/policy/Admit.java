package dev.strait.gateway.policy;

import dev.strait.core.error.Failure;
import dev.strait.core.policy.Decision;
import dev.strait.core.policy.Policy;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import java.util.function.Supplier;

/** Refuses organizations that may not be customers at all: individuals, unverified, suspended. */
public final class Admit implements Stage {

    private final Supplier<Policy> policy;

    public Admit(Supplier<Policy> policy) {
        this.policy = policy;
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        Policy current = policy.get();
        Decision decision = current.admit(exchange.principal().org());
        if (!decision.allowed()) {
            chain.fail(exchange, Denials.failure(exchange, decision));
            return;
        }
        exchange.admitted(current, current.markets().get(exchange.principal().org().market()));
        chain.proceed(exchange);
    }
}
