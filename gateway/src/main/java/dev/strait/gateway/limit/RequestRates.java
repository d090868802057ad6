package dev.strait.gateway.limit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests per minute in fixed one-minute windows, per key of the caller's choosing. Lock-free. */
public final class RequestRates {

    private record Window(long minute, AtomicInteger count) {}

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Takes one request from the window; returns what remains, or -1 when the limit is reached. */
    public int acquire(String key, int limit, long epochMillis) {
        long minute = epochMillis / 60_000;
        Window window = windows.compute(key, (k, w) -> w == null || w.minute() != minute
                ? new Window(minute, new AtomicInteger()) : w);
        int used = window.count().incrementAndGet();
        if (used > limit) {
            window.count().decrementAndGet();
            return -1;
        }
        return limit - used;
    }

    /** Seconds until the current window ends. */
    public static long secondsToReset(long epochMillis) {
        return (60_000 - epochMillis % 60_000 + 999) / 1_000;
    }
}
