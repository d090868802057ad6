package dev.strait.core.work;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How a background worker waits for work without its producers paying a wake-up per item. While
 * work flows, the worker naps after each drain and takes what gathered meanwhile as one batch;
 * producers never wake it. After a tenth of a second without work it sleeps, and only then does
 * the next producer wake it: one wake-up per quiet spell instead of one per request (waking a
 * parked thread per request cost the event loops a tenth of their time in the scheduler).
 */
public final class Doze {

    private static final long QUIET_NANOS = 100_000_000;

    private final Thread worker;
    private final long napNanos;
    private final int napsBeforeSleep;
    private final long sleepNanos;
    private volatile boolean asleep;
    private int emptyNaps;

    /**
     * @param worker the one thread that drains; it alone calls {@link #worked} and {@link #idle}
     * @param nap the longest a published item waits while work flows: the batching window
     */
    public Doze(Thread worker, Duration nap) {
        this(worker, nap.toNanos(), Math.max(1, (int) (QUIET_NANOS / nap.toNanos())), QUIET_NANOS);
    }

    Doze(Thread worker, long napNanos, int napsBeforeSleep, long sleepNanos) {
        this.worker = worker;
        this.napNanos = napNanos;
        this.napsBeforeSleep = napsBeforeSleep;
        this.sleepNanos = sleepNanos;
    }

    /** Producer side, after publishing an item: wakes the worker only from a long sleep. */
    public void nudge() {
        if (asleep) {
            LockSupport.unpark(worker);
        }
    }

    /** Wakes the worker whatever it is doing, e.g. to make it notice that it should stop. */
    public void wake() {
        LockSupport.unpark(worker);
    }

    boolean asleep() {
        return asleep;
    }

    /** Worker side: the last drain found work. */
    public void worked() {
        emptyNaps = 0;
    }

    /**
     * Worker side: the last drain found nothing. Naps, or after a quiet spell sleeps until nudged.
     *
     * @param pending checked after announcing the sleep, so an item published meanwhile is never
     *     left waiting for the whole sleep: either its producer sees the announcement or this sees the item
     */
    public void idle(BooleanSupplier pending) {
        if (++emptyNaps < napsBeforeSleep) {
            LockSupport.parkNanos(napNanos);
            return;
        }
        asleep = true;
        if (!pending.getAsBoolean()) {
            LockSupport.parkNanos(sleepNanos);
        }
        asleep = false;
    }
}
