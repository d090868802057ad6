package dev.strait.gateway.limit;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Where limit counters live: in this node's memory ({@link LocalCounters}, the default) or in Redis,
 * shared by every replica ({@link RedisCounters}). Counters are named by a rule's
 * {@link dev.strait.core.access.LimitRule#counterKey() counter key}; windows are whole minutes since
 * the epoch and budgets are calendar months ({@code 2026-11}).
 */
public interface LimitCounters extends AutoCloseable {

    /**
     * Takes {@code amount} from a one-minute window holding at most {@code limit}: what remains
     * after, or -1 when it does not fit (then nothing is taken).
     */
    Future<Long> take(String window, long minute, long amount, long limit);

    /** Adds {@code delta} (negative gives back) to a window taken from before. Fire and forget. */
    void adjust(String window, long minute, long delta);

    /** Holds {@code amount} while spent + held + amount stays within {@code budget}; false when it does not fit. */
    Future<Boolean> reserve(String budget, String month, BigDecimal cap, BigDecimal amount);

    /** Ends a hold: its {@code held} amount stops counting and {@code actual} is spent. Fire and forget. */
    void settle(String budget, String month, BigDecimal held, BigDecimal actual);

    /** What each budget had spent this month before this node started (from the ledger). */
    void seed(String month, Map<String, BigDecimal> spent);

    /** Settled spend of one budget this month. */
    Future<BigDecimal> spent(String budget, String month);

    /** Whether a request is let through, unlimited, while the counters cannot be reached. */
    boolean failOpen();

    @Override
    default void close() {}
}
