package dev.strait.gateway.observe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Structured JSON lines, written by a thread of their own: an event loop hands a line over with
 * one lock-free enqueue and never waits for the terminal or the disk, nor wakes a thread. The
 * writer drains in batches on a short period, so a busy gateway pays one write per batch, not
 * one per request. When the queue is full lines are dropped and counted, never queued without
 * bound. Callers put only ids, names and numbers in a line: no secrets and no prompt text.
 */
public final class JsonLog implements AutoCloseable {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration PERIOD = Duration.ofMillis(20);

    private final ConcurrentLinkedQueue<ObjectNode> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private final PrintStream out;
    private final Clock clock;
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;
    private volatile boolean closing;

    public JsonLog(PrintStream out, Clock clock, int capacity) {
        this.out = out;
        this.clock = clock;
        this.capacity = capacity;
        this.writer = Thread.ofPlatform().daemon().name("strait-log").start(this::drainForever);
    }

    public ObjectNode line(String level, String message) {
        return JSON.objectNode().put("ts", clock.instant().toString()).put("level", level).put("msg", message);
    }

    public void write(ObjectNode line) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.offer(line);
    }

    public void info(String message) {
        write(line("info", message));
    }

    public void warn(String message) {
        write(line("warn", message));
    }

    public long dropped() {
        return dropped.sum();
    }

    private void drainForever() {
        while (!closing) {
            try {
                Thread.sleep(PERIOD);
            } catch (InterruptedException e) {
                break;
            }
            drain();
        }
        drain();
    }

    private void drain() {
        StringBuilder batch = new StringBuilder(8192);
        ObjectNode line;
        while ((line = queue.poll()) != null) {
            size.decrementAndGet();
            batch.append(line).append('\n');
            if (batch.length() > 64 * 1024) {
                out.print(batch);
                batch.setLength(0);
            }
        }
        if (!batch.isEmpty()) {
            out.print(batch);
            out.flush();
        }
    }

    @Override
    public void close() {
        closing = true;
        writer.interrupt();
        try {
            writer.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
