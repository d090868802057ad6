package dev.strait.bench;

import io.vertx.core.Context;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Fixed-rate load: request i is due at {@code start + i / rate}, whatever happened to the ones
 * before it. A dedicated thread sleeps until the next due time, then hands every request whose
 * time has passed to an event loop, so a stall (GC, a slow target, a descheduled generator) is
 * followed by a burst rather than by a quietly lower rate.
 */
final class OpenLoop {

    private final double rate;
    private final long total;
    private final long start;
    private final Context[] loops;
    private final Tally[] tallies;
    private final Shot shot;
    private final AtomicLong outstanding = new AtomicLong();

    OpenLoop(double rate, double warmupSeconds, double durationSeconds, long start, Context[] loops, Tally[] tallies,
             Shot shot) {
        this.rate = rate;
        this.total = (long) Math.ceil((warmupSeconds + durationSeconds) * rate);
        this.start = start;
        this.loops = loops;
        this.tallies = tallies;
        this.shot = shot;
    }

    long intended(long i) {
        return start + (long) (i * 1e9 / rate);
    }

    /** Runs the schedule on the calling thread; returns when the last request has been handed out. */
    void run() {
        long i = 0;
        while (i < total) {
            long now = System.nanoTime();
            long due = intended(i);
            if (due > now) {
                // parkNanos overshoots by tens of microseconds on Linux; the overshoot is measured as send lag.
                LockSupport.parkNanos(due - now);
                continue;
            }
            while (i < total && intended(i) <= now) {
                dispatch(i++);
            }
        }
    }

    private void dispatch(long i) {
        int k = (int) (i % loops.length);
        long intended = intended(i);
        outstanding.incrementAndGet();
        loops[k].runOnContext(v -> shot.fire(tallies[k], intended, outstanding::decrementAndGet));
    }

    AtomicLong outstanding() {
        return outstanding;
    }
}
