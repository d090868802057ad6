package dev.strait.provenance.index;

import dev.strait.core.work.Doze;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request path's only contact with provenance: {@link #offer} puts a completion in a bounded
 * queue and returns at once (a full queue drops and counts, it never blocks a request). One
 * writer thread drains the queue in batches and hands each batch to the index, which signs,
 * writes and publishes it. The writer naps between drains ({@link Doze}), so a batch is what
 * gathered meanwhile, and it is forced to disk once, not once per completion.
 */
final class IngestQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IngestQueue.class.getName());
    /** Each batch is forced to disk once: a wider window means fewer forces (a tenth of the writer's time at 2 ms). */
    private static final Duration BATCH_WINDOW = Duration.ofMillis(10);

    private final BlockingQueue<Completion> queue;
    private final int batchSize;
    private final Consumer<List<Completion>> sink;
    private final Thread writer;
    private final Doze doze;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Object progress = new Object();
    private long done;
    private volatile boolean closing;

    IngestQueue(int capacity, int batchSize, Consumer<List<Completion>> sink) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.sink = sink;
        this.writer = Thread.ofPlatform().name("strait-provenance-writer").daemon().unstarted(this::run);
        this.doze = new Doze(writer, BATCH_WINDOW);
        writer.start();
    }

    boolean offer(Completion completion) {
        if (closing || !queue.offer(completion)) {
            dropped.incrementAndGet();
            return false;
        }
        offered.incrementAndGet();
        doze.nudge();
        return true;
    }

    private void run() {
        List<Completion> batch = new ArrayList<>(batchSize);
        while (!closing || !queue.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            queue.drainTo(batch, batchSize);
            if (batch.isEmpty()) {
                doze.idle(() -> !queue.isEmpty() || closing);
                continue;
            }
            doze.worked();
            try {
                sink.accept(batch);
            } catch (RuntimeException e) {
                failed.addAndGet(batch.size());
                LOG.log(Level.SEVERE, "provenance: could not index " + batch.size() + " completions", e);
            }
            synchronized (progress) {
                done += batch.size();
                progress.notifyAll();
            }
            batch.clear();
        }
    }

    /** Waits until every completion accepted before this call has been indexed (or failed). */
    void flush() throws InterruptedException {
        long target = offered.get();
        synchronized (progress) {
            while (done < target && writer.isAlive()) {
                progress.wait(100);
            }
        }
    }

    long offered() {
        return offered.get();
    }

    long dropped() {
        return dropped.get();
    }

    long failed() {
        return failed.get();
    }

    int queued() {
        return queue.size();
    }

    /** Stops accepting, indexes what is queued, and stops the writer. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        doze.wake();
        writer.join();
    }
}
