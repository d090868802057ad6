package dev.strait.gateway.exchange;

/**
 * One concern of the request path. A stage either calls {@link Chain#proceed} or ends the
 * exchange, by answering it or by {@link Chain#fail failing} it with a decision.
 */
@FunctionalInterface
public interface Stage {
    void handle(Exchange exchange, Chain chain);
}
