package dev.strait.gateway.responses;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stored responses: the most recent ones in this node's memory (bounded, oldest leave first; no
 * lock shared by event loops), every one written behind to the {@link ResponseArchive} by one writer thread, so
 * the request path never waits on a database. A miss is read from the archive on a worker thread.
 * Entries are keyed by organization and id: one organization can never see another's response.
 */
public final class ResponseStore implements AutoCloseable {

    /** A deleted response, remembered so that a miss does not read back a row not yet deleted. */
    private static final StoredResponse GONE = new StoredResponse("", "", 0, "", "");

    private final int capacity;
    private final ResponseArchive archive;
    private final ConcurrentHashMap<String, StoredResponse> recent = new ConcurrentHashMap<>();
    /** Keys in the order they were put: the eviction order. */
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Runnable> writes;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    /**
     * @param capacity how many responses this node keeps in memory
     * @param queue how many writes may wait for the archive; beyond that new ones are dropped and counted
     */
    public ResponseStore(int capacity, ResponseArchive archive, int queue) {
        this.capacity = capacity;
        this.archive = archive;
        this.writes = new ArrayBlockingQueue<>(queue);
        this.writer = archive == ResponseArchive.NONE ? null
                : Thread.ofVirtual().name("strait-response-writer").start(this::drain);
    }

    /** Memory only: for gateways without a database (tests, a node that cannot store content). */
    public static ResponseStore inMemory(int capacity) {
        return new ResponseStore(capacity, ResponseArchive.NONE, 1);
    }

    public void put(StoredResponse response) {
        remember(key(response.orgId(), response.id()), response);
        enqueue(() -> archiveCall(() -> archive.save(response)));
    }

    /** The response, or null when {@code orgId} has none by that id. Completes on the caller's context. */
    public Future<StoredResponse> find(String orgId, String id) {
        StoredResponse hit = recent.get(key(orgId, id));
        if (hit != null || archive == ResponseArchive.NONE) {
            return Future.succeededFuture(hit == GONE ? null : hit);
        }
        Context context = Vertx.currentContext();
        if (context == null) {
            return Future.succeededFuture(load(orgId, id));
        }
        return context.executeBlocking(() -> load(orgId, id), false);
    }

    /** Whether there was such a response to delete. */
    public Future<Boolean> delete(String orgId, String id) {
        return find(orgId, id).map(found -> {
            if (found == null) {
                return false;
            }
            remember(key(orgId, id), GONE);
            enqueue(() -> archiveCall(() -> archive.delete(orgId, id)));
            return true;
        });
    }

    /** Writes that could not wait for the archive (queue full): they live in memory only. */
    public long dropped() {
        return dropped.get();
    }

    private StoredResponse load(String orgId, String id) {
        try {
            StoredResponse found = archive.load(orgId, id);
            return found != null && found.orgId().equals(orgId) ? found : null;
        } catch (Exception e) {
            throw new IllegalStateException("stored responses cannot be read: " + e.getMessage(), e);
        }
    }

    private void enqueue(Runnable write) {
        if (writer != null && !writes.offer(write)) {
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        while (!closing || !writes.isEmpty()) {
            try {
                Runnable next = writes.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    next.run();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Retries while the archive is unreachable: the write waits in order, the request path does not. */
    private void archiveCall(ArchiveCall call) {
        for (int attempt = 0; ; attempt++) {
            try {
                call.run();
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
                if (closing && attempt >= 2) {
                    dropped.incrementAndGet();
                    return;
                }
                try {
                    Thread.sleep(Math.min(5_000, 200L << Math.min(attempt, 5)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void remember(String key, StoredResponse value) {
        if (recent.put(key, value) == null) {
            order.add(key);
            while (recent.size() > capacity) {
                String eldest = order.poll();
                if (eldest == null) {
                    break;
                }
                recent.remove(eldest);
            }
        }
    }

    private static String key(String orgId, String id) {
        return orgId + '\u0000' + id;
    }

    /** Writes what is queued (for up to ten seconds), then stops the writer. */
    @Override
    public void close() {
        closing = true;
        if (writer != null) {
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer.interrupt();
        }
    }

    @FunctionalInterface
    private interface ArchiveCall {
        void run() throws Exception;
    }
}
