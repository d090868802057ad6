package dev.strait.gateway.route;

import dev.strait.core.deploy.Catalog;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The catalog being served and the health of its deployments, swapped whole on reload: the hot
 * path reads one volatile reference and never waits.
 */
public final class Routing {

    public record Snapshot(Catalog catalog, HealthBoard health) {}

    private final int breakerFailures;
    private final Duration breakerOpenFor;
    private final LongSupplier nanoTime;
    private volatile Snapshot current;

    public Routing(Catalog catalog, int breakerFailures, Duration breakerOpenFor, LongSupplier nanoTime) {
        this.breakerFailures = breakerFailures;
        this.breakerOpenFor = breakerOpenFor;
        this.nanoTime = nanoTime;
        swap(catalog);
    }

    public Snapshot current() {
        return current;
    }

    public synchronized void swap(Catalog catalog) {
        Snapshot old = current;
        current = new Snapshot(catalog, HealthBoard.of(catalog, old == null ? null : old.health(), breakerFailures,
                breakerOpenFor, nanoTime));
    }
}
