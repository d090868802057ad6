package dev.strait.bench;

import io.vertx.core.Context;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maximum throughput: N callers, each sending its next request the moment the previous one ends,
 * until the window closes. Latency here is service time under saturation (from the actual send),
 * useful only beside the throughput it came with; the open loop is the latency measurement.
 */
final class ClosedLoop {

    private final int callers;
    private final long end;
    private final Context[] loops;
    private final Tally[] tallies;
    private final Shot shot;
    private final AtomicLong outstanding = new AtomicLong();

    ClosedLoop(int callers, long end, Context[] loops, Tally[] tallies, Shot shot) {
        this.callers = callers;
        this.end = end;
        this.loops = loops;
        this.tallies = tallies;
        this.shot = shot;
    }

    void start() {
        for (int c = 0; c < callers; c++) {
            int k = c % loops.length;
            outstanding.incrementAndGet();
            loops[k].runOnContext(v -> next(k));
        }
    }

    private void next(int k) {
        long now = System.nanoTime();
        if (now >= end) {
            outstanding.decrementAndGet();
            return;
        }
        shot.fire(tallies[k], now, () -> next(k));
    }

    AtomicLong outstanding() {
        return outstanding;
    }
}
