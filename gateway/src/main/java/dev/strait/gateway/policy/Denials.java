package dev.strait.gateway.policy;

import dev.strait.core.error.Failure;
import dev.strait.core.policy.Decision;
import dev.strait.gateway.exchange.Exchange;

/** A policy denial as the caller sees it: 403 with the specific code; the rule goes to the log. */
final class Denials {

    private Denials() {}

    static Failure failure(Exchange exchange, Decision decision) {
        exchange.deniedBy(decision.rule());
        return Failure.of(Failure.Kind.PERMISSION, decision.code(), decision.reason());
    }
}
