package dev.strait.app.control;

import dev.strait.core.access.AccessSnapshot;
import dev.strait.gateway.observe.JsonLog;
import dev.strait.store.access.AccessStore;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Keeps the gateway's access snapshot current. It polls the state version, one indexed row, and
 * reloads the snapshot only when it moved; every replica does the same, so a revocation made on
 * one is in force on all within one poll interval. The hot path only ever reads the reference.
 */
public final class AccessRefresher implements Supplier<AccessSnapshot>, AutoCloseable {

    private final AccessStore store;
    private final Duration interval;
    private final JsonLog log;
    private final Thread thread;
    private volatile AccessSnapshot current;
    private volatile boolean running = true;

    public AccessRefresher(AccessStore store, Duration interval, JsonLog log) throws java.sql.SQLException {
        this.store = store;
        this.interval = interval;
        this.log = log;
        this.current = store.snapshot();
        this.thread = Thread.ofPlatform().daemon().name("strait-access-refresh").start(this::run);
    }

    @Override
    public AccessSnapshot get() {
        return current;
    }

    /** Reloads now if anything changed: after an admin write on this replica, for instance. */
    public synchronized void refresh() {
        try {
            if (store.version() != current.version()) {
                current = store.snapshot();
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            // The last good snapshot keeps serving while the database is away.
            log.write(log.line("warn", "access snapshot refresh failed").put("error", e.getClass().getSimpleName()));
        }
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            refresh();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
