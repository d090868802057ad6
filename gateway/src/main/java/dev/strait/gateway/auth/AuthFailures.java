package dev.strait.gateway.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed authentications per source address in one-minute windows. An address that failed too
 * often is refused before its key is even looked at, until its window ends, so keys cannot be
 * guessed at the gateway's speed. Lock-free; old windows are dropped when the table grows large.
 */
final class AuthFailures {

    private record Window(long minute, AtomicInteger failures) {}

    private static final int MAX_ADDRESSES = 100_000;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final int perMinute;

    AuthFailures(int perMinute) {
        this.perMinute = perMinute;
    }

    boolean blocked(String address, long epochMillis) {
        Window w = windows.get(address);
        return w != null && w.minute() == epochMillis / 60_000 && w.failures().get() >= perMinute;
    }

    void failed(String address, long epochMillis) {
        long minute = epochMillis / 60_000;
        if (windows.size() > MAX_ADDRESSES) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        windows.compute(address, (a, w) -> w == null || w.minute() != minute ? new Window(minute, new AtomicInteger()) : w)
                .failures().incrementAndGet();
    }
}
