package dev.strait.gateway.traffic;

import dev.strait.core.work.Doze;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bounded, lock-free queue between the event loops and one worker thread. Offering never waits:
 * when the worker falls behind by {@code capacity} requests, newer ones are dropped and counted, so
 * monitoring sees a sample under overload instead of slowing the answers. Nor does offering wake the
 * worker, except after a quiet spell ({@link Doze}).
 */
public final class TrafficQueue implements TrafficSink, AutoCloseable {

    private final ConcurrentLinkedQueue<ServedRequest> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final int capacity;
    private final Thread worker;
    private final Doze doze;
    private volatile boolean running = true;

    /** @param consumer runs on the queue's own thread, one request at a time, in arrival order */
    public TrafficQueue(int capacity, Consumer<ServedRequest> consumer, Consumer<RuntimeException> onError) {
        this.capacity = capacity;
        this.worker = Thread.ofPlatform().name("strait-traffic").daemon().unstarted(() -> drain(consumer, onError));
        this.doze = new Doze(worker, Duration.ofMillis(2));
        worker.start();
    }

    @Override
    public boolean offer(ServedRequest request) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
        queue.add(request);
        doze.nudge();
        return true;
    }

    public long dropped() {
        return dropped.get();
    }

    public int backlog() {
        return size.get();
    }

    private void drain(Consumer<ServedRequest> consumer, Consumer<RuntimeException> onError) {
        while (running || !queue.isEmpty()) {
            ServedRequest next = queue.poll();
            if (next == null) {
                doze.idle(() -> !queue.isEmpty() || !running);
                continue;
            }
            doze.worked();
            size.decrementAndGet();
            try {
                consumer.accept(next);
            } catch (RuntimeException e) {
                onError.accept(e); // one bad request must not stop the worker
            }
        }
    }

    /** Finishes what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        doze.wake();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
