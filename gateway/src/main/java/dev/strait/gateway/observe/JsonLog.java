package dev.strait.gateway.observe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Structured JSON lines, written by a thread of their own: an event loop hands a line over and
 * never waits for the terminal or the disk. When the queue is full lines are dropped and counted,
 * never queued without bound. Callers put only ids, names and numbers in a line: no secrets and
 * no prompt text.
 */
public final class JsonLog implements AutoCloseable {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final BlockingQueue<ObjectNode> queue;
    private final PrintStream out;
    private final Clock clock;
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;
    private volatile boolean closing;

    public JsonLog(PrintStream out, Clock clock, int capacity) {
        this.out = out;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().daemon().name("strait-log").start(this::drain);
    }

    public ObjectNode line(String level, String message) {
        return JSON.objectNode().put("ts", clock.instant().toString()).put("level", level).put("msg", message);
    }

    public void write(ObjectNode line) {
        if (!queue.offer(line)) {
            dropped.increment();
        }
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

    private void drain() {
        try {
            while (!closing || !queue.isEmpty()) {
                ObjectNode line = queue.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    out.println(line);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
