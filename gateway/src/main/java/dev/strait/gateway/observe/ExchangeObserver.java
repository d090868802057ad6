package dev.strait.gateway.observe;

import dev.strait.gateway.exchange.Exchange;

/**
 * Told once about every exchange when it has ended, on its event loop, after the access log: it
 * must only read the exchange and hand work on, never block.
 */
@FunctionalInterface
public interface ExchangeObserver {

    ExchangeObserver NONE = exchange -> { };

    void ended(Exchange exchange);
}
