package dev.strait.gateway.exchange;

import dev.strait.core.error.Failure;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The ordered stages of one exchange. Immutable position arithmetic: a chain is a cursor into a
 * shared stage list, so building one per request costs one small object.
 */
public final class Chain {

    private final List<Stage> stages;
    private final int index;
    private final BiConsumer<Exchange, Failure> onFailure;

    public Chain(List<Stage> stages, BiConsumer<Exchange, Failure> onFailure) {
        this(stages, 0, onFailure);
    }

    private Chain(List<Stage> stages, int index, BiConsumer<Exchange, Failure> onFailure) {
        this.stages = stages;
        this.index = index;
        this.onFailure = onFailure;
    }

    public void proceed(Exchange exchange) {
        if (index >= stages.size()) {
            throw new IllegalStateException("the last stage must answer the exchange");
        }
        Stage stage = stages.get(index);
        Chain next = new Chain(stages, index + 1, onFailure);
        try {
            stage.handle(exchange, next);
        } catch (dev.strait.core.error.FailureException e) {
            fail(exchange, e.failure());
        }
    }

    /** Ends the exchange with a decision, rendered in the caller's dialect. */
    public void fail(Exchange exchange, Failure failure) {
        onFailure.accept(exchange, failure);
    }
}
