package dev.strait.monitor.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.strait.monitor.engine.MonitorEngine;
import dev.strait.monitor.risk.Evidence;
import dev.strait.monitor.risk.Verdict;
import dev.strait.monitor.trace.BadLine;
import dev.strait.monitor.trace.TraceEvent;
import dev.strait.monitor.trace.TraceReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Runs a trace through a {@link MonitorEngine} — the same engine, fed the same events, as the gateway
 * live — and writes one verdict per organization. Decompression and JSON parsing run on the calling
 * thread; the engine (feature extraction and profiles) on a second one, fed batches through a bounded
 * queue: two cores, two stages of about equal cost.
 */
public final class Replay {

    private static final int BATCH = 512;
    private static final List<TraceEvent> END = List.of();

    /** What a replay did. */
    public record Result(List<Verdict> verdicts, long events, long badLines, long nanos) {
        public double eventsPerSecond() {
            return events / Math.max(1e-9, nanos / 1e9);
        }
    }

    private final MonitorEngine engine;

    public Replay(MonitorEngine engine) {
        this.engine = engine;
    }

    public Result run(Path trace, Consumer<BadLine> bad) throws IOException {
        long t0 = System.nanoTime();
        BlockingQueue<List<TraceEvent>> queue = new ArrayBlockingQueue<>(64);
        Throwable[] failure = new Throwable[1];
        Thread consumer = Thread.ofPlatform().name("monitor-replay-engine").start(() -> {
            try {
                for (List<TraceEvent> batch = queue.take(); batch != END; batch = queue.take()) {
                    for (TraceEvent e : batch) {
                        engine.observe(e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failure[0] = e;
                queue.clear();
            }
        });
        @SuppressWarnings("unchecked")
        List<TraceEvent>[] batch = new List[] {new ArrayList<>(BATCH)};
        TraceReader.Stats stats;
        try {
            stats = new TraceReader().read(trace, e -> {
                batch[0].add(e);
                if (batch[0].size() == BATCH) {
                    put(queue, batch[0], consumer);
                    batch[0] = new ArrayList<>(BATCH);
                }
            }, bad);
            if (!batch[0].isEmpty()) {
                put(queue, batch[0], consumer);
            }
        } finally {
            put(queue, END, consumer);
            join(consumer);
        }
        if (failure[0] != null) {
            throw new IllegalStateException("monitor engine failed during replay", failure[0]);
        }
        List<Verdict> verdicts = engine.verdicts();
        return new Result(verdicts, stats.events(), stats.bad(), System.nanoTime() - t0);
    }

    private static void put(BlockingQueue<List<TraceEvent>> q, List<TraceEvent> batch, Thread consumer) {
        try {
            while (!q.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (!consumer.isAlive()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes verdicts as JSON Lines in the trace format's verdict shape. */
    public static void write(List<Verdict> verdicts, OutputStream out) {
        write(verdicts, out, false);
    }

    /** As {@link #write(List, OutputStream)}; with {@code allSignals}, every measured signal is added under "signals". */
    public static void write(List<Verdict> verdicts, OutputStream out, boolean allSignals) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            for (Verdict v : verdicts) {
                g.writeStartObject();
                g.writeStringField("org", v.org());
                g.writeNumberField("risk", v.risk());
                g.writeStringField("verdict", v.level().id());
                g.writeStringField("tier", v.tier());
                if (!v.cluster().isEmpty()) {
                    g.writeStringField("cluster", v.cluster());
                }
                g.writeNumberField("requests", v.requests());
                g.writeArrayFieldStart("evidence");
                for (Evidence e : v.evidence()) {
                    g.writeStartObject();
                    g.writeStringField("signal", e.signal());
                    g.writeNumberField("value", e.value());
                    g.writeNumberField("weight", e.weight());
                    g.writeStringField("detail", e.detail());
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (allSignals) {
                    g.writeObjectFieldStart("signals");
                    for (var s : v.signals()) {
                        g.writeNumberField(s.name(), s.value());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
