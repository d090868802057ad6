package dev.strait.store.ledger;

import dev.strait.core.usage.UsageRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Moves usage records from the spool into the ledger, in batches, off the request path. While
 * the database is down records wait in the spool (on disk, not in memory) and the writer retries;
 * nothing is dropped and replays are harmless, since the ledger skips request ids it has.
 */
public final class LedgerWriter implements AutoCloseable {

    private static final int BATCH = 2_000;

    private final Spool spool;
    private final Ledger ledger;
    private final Duration period;
    private final Consumer<Exception> onError;
    private final Thread thread;
    private volatile boolean running = true;

    public LedgerWriter(Spool spool, Ledger ledger, Duration period, Consumer<Exception> onError) {
        this.spool = spool;
        this.ledger = ledger;
        this.period = period;
        this.onError = onError;
        this.thread = Thread.ofPlatform().daemon().name("strait-ledger").start(this::run);
    }

    private void run() {
        Duration backoff = period;
        while (running) {
            // Whether or not the database answers: while it is away the spool fills fastest.
            spool.prepareSpares();
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                break;
            }
            try {
                drainOnce();
                backoff = period;
            } catch (Exception e) {
                onError.accept(e);
                backoff = Duration.ofMillis(Math.min(5_000, backoff.toMillis() * 2));
            }
        }
        try {
            drainOnce();
        } catch (Exception e) {
            onError.accept(e);
        }
    }

    /** Drains everything published so far. Public for tests and for a clean shutdown. */
    public synchronized void drainOnce() throws java.sql.SQLException, IOException {
        spool.rescueHeld();
        for (Segment segment : spool.segments()) {
            while (true) {
                int start = segment.readPosition();
                List<UsageRecord> batch = new ArrayList<>();
                byte[] payload;
                while (batch.size() < BATCH && (payload = segment.next()) != null) {
                    batch.add(UsageCodec.decode(payload));
                    segment.consumed(payload);
                }
                if (batch.isEmpty()) {
                    break;
                }
                try {
                    ledger.insert(batch);
                } catch (java.sql.SQLException | RuntimeException e) {
                    segment.rewindTo(start);
                    throw e;
                }
            }
            if (segment.drained()) {
                spool.remove(segment);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
