package dev.strait.app.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses logins for a name or from an address that failed too often lately, before any password
 * is hashed: guessing is slowed to a few tries per window, and the audit log is not flooded.
 */
public final class LoginThrottle {

    private final int failures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public LoginThrottle(int failures, Duration window, Clock clock) {
        this.failures = failures;
        this.window = window;
        this.clock = clock;
    }

    /** How long until {@code subjects} may try again; zero when they may now. */
    public Duration wait(String... subjects) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String subject : subjects) {
            Deque<Instant> times = recent.get(subject);
            if (times == null) {
                continue;
            }
            synchronized (times) {
                times.removeIf(t -> !t.plus(window).isAfter(now));
                if (times.size() >= failures) {
                    Duration left = Duration.between(now, times.peekFirst().plus(window));
                    longest = left.compareTo(longest) > 0 ? left : longest;
                }
            }
        }
        return longest;
    }

    public void failed(String... subjects) {
        Instant now = clock.instant();
        if (recent.size() > 10_000) {
            // Names are the caller's choice: forget the ones whose failures have all aged out.
            recent.values().removeIf(times -> {
                synchronized (times) {
                    return times.isEmpty() || !times.peekLast().plus(window).isAfter(now);
                }
            });
        }
        for (String subject : subjects) {
            Deque<Instant> times = recent.computeIfAbsent(subject, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
                while (times.size() > failures) {
                    times.removeFirst();
                }
            }
        }
    }

    public void succeeded(String name) {
        recent.remove(name);
    }
}
