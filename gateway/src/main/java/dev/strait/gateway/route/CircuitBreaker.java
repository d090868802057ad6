package dev.strait.gateway.route;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps a failing deployment out of rotation. After {@code threshold} consecutive failures the
 * circuit opens for {@code openNanos}; then one trial request is let through (half-open), whose
 * outcome closes or reopens it. Lock-free: every event loop reads and updates it.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openNanos;
    private final LongSupplier nanoTime;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong openedAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicBoolean trialInFlight = new AtomicBoolean();

    public CircuitBreaker(int threshold, long openNanos, LongSupplier nanoTime) {
        this.threshold = threshold;
        this.openNanos = openNanos;
        this.nanoTime = nanoTime;
    }

    public State state() {
        long opened = openedAt.get();
        if (opened == Long.MIN_VALUE) {
            return State.CLOSED;
        }
        return nanoTime.getAsLong() - opened < openNanos ? State.OPEN : State.HALF_OPEN;
    }

    /** Whether a request may go to this deployment now; in half-open state only one may. */
    public boolean tryAcquire() {
        return switch (state()) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> trialInFlight.compareAndSet(false, true);
        };
    }

    public void onSuccess() {
        consecutiveFailures.set(0);
        openedAt.set(Long.MIN_VALUE);
        trialInFlight.set(false);
    }

    public void onFailure() {
        int failures = consecutiveFailures.incrementAndGet();
        if (failures >= threshold || trialInFlight.get()) {
            openedAt.set(nanoTime.getAsLong());
        }
        trialInFlight.set(false);
    }

    /** Releases a half-open trial that ended without telling us anything (the caller went away). */
    public void onAbandoned() {
        trialInFlight.set(false);
    }

    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }
}
