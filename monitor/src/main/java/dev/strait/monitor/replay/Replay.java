package dev.strait.monitor.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.strait.monitor.engine.MonitorEngine;
import dev.strait.monitor.features.FeatureExtractor;
import dev.strait.monitor.features.RequestFeatures;
import dev.strait.monitor.risk.Evidence;
import dev.strait.monitor.risk.Verdict;
import dev.strait.monitor.trace.BadLine;
import dev.strait.monitor.trace.LineSplitter;
import dev.strait.monitor.trace.TraceLineParser;
import dev.strait.monitor.trace.TraceReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a trace through a {@link MonitorEngine} — the same engine, fed the same features, as the
 * gateway live — and writes one verdict per organization. The calling thread only decompresses, into
 * blocks cut at a line end; a pool of one worker per core splits, parses and extracts features (the
 * costly, stateless part); one thread hands each block's features to the engine in trace order, so the
 * verdicts are exactly those of a sequential run.
 */
public final class Replay {

    private static final int BLOCK = 1 << 18;

    /** What a replay did. */
    public record Result(List<Verdict> verdicts, long events, long badLines, long nanos) {
        public double eventsPerSecond() {
            return events / Math.max(1e-9, nanos / 1e9);
        }
    }

    /** A block's features, its unreadable lines (numbered within the block) and its number of lines. */
    private record Extracted(List<RequestFeatures> features, List<BadLine> bad, long lines) {
    }

    /** Per worker thread: the parser and extractor keep scratch state. */
    private record Worker(TraceLineParser parser, FeatureExtractor extractor) {
    }

    private static final Future<Extracted> END = CompletableFuture.completedFuture(null);

    private final MonitorEngine engine;
    private final int workers;

    public Replay(MonitorEngine engine) {
        this(engine, Runtime.getRuntime().availableProcessors());
    }

    public Replay(MonitorEngine engine, int workers) {
        this.engine = engine;
        this.workers = Math.max(1, workers);
    }

    public Result run(Path trace, Consumer<BadLine> bad) throws IOException {
        long t0 = System.nanoTime();
        ThreadLocal<Worker> local = ThreadLocal.withInitial(() -> new Worker(new TraceLineParser(), new FeatureExtractor()));
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                Thread.ofPlatform().name("monitor-replay-extract-", 0).daemon().factory());
        // Bounded, so the reader cannot run ahead of the workers by more than a few blocks' memory.
        BlockingQueue<Future<Extracted>> inOrder = new ArrayBlockingQueue<>(workers * 8);
        long[] counts = new long[2];
        Throwable[] failure = new Throwable[1];
        Thread feeder = Thread.ofPlatform().name("monitor-replay-engine").start(() -> {
            long lines = 0;
            try {
                for (Future<Extracted> f = inOrder.take(); f != END; f = inOrder.take()) {
                    Extracted x = f.get();
                    for (BadLine b : x.bad()) {
                        bad.accept(new BadLine(lines + b.lineNumber(), b.reason()));
                    }
                    lines += x.lines();
                    for (RequestFeatures features : x.features()) {
                        engine.accept(features);
                    }
                    counts[0] += x.features().size();
                    counts[1] += x.bad().size();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                failure[0] = e.getCause();
                inOrder.clear();
            } catch (RuntimeException | Error e) {
                failure[0] = e;
                inOrder.clear();
            }
        });
        try (InputStream in = TraceReader.open(trace)) {
            byte[] buf = new byte[BLOCK];
            int len = 0;
            for (boolean eof = false; !eof; ) {
                int r = in.read(buf, len, buf.length - len);
                eof = r < 0;
                len += Math.max(0, r);
                if (!eof && len < buf.length) {
                    continue;
                }
                int cut = eof ? len : lastLineEnd(buf, len);
                if (cut == 0 && !eof) {
                    buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than a block
                    continue;
                }
                byte[] block = buf;
                int blockEnd = cut;
                if (blockEnd > 0) {
                    put(inOrder, pool.submit(() -> extract(block, blockEnd, local.get())), feeder);
                }
                buf = new byte[Math.max(BLOCK, 2 * (len - cut))];
                System.arraycopy(block, cut, buf, 0, len - cut);
                len -= cut;
            }
        } finally {
            put(inOrder, END, feeder);
            join(feeder);
            pool.shutdownNow();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("monitor engine failed during replay", failure[0]);
        }
        List<Verdict> verdicts = engine.verdicts();
        return new Result(verdicts, counts[0], counts[1], System.nanoTime() - t0);
    }

    private static int lastLineEnd(byte[] buf, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static Extracted extract(byte[] block, int end, Worker w) {
        List<RequestFeatures> features = new ArrayList<>(end / 1024);
        List<BadLine> bad = new ArrayList<>(0);
        long lines = LineSplitter.split(block, 0, end, (buf, from, to, lineNo) -> {
            try {
                features.add(w.extractor().extract(w.parser().parse(buf, from, to - from)));
            } catch (TraceLineParser.BadRecordException e) {
                bad.add(new BadLine(lineNo, e.getMessage()));
            }
        });
        return new Extracted(features, bad, lines);
    }

    private static void put(BlockingQueue<Future<Extracted>> q, Future<Extracted> f, Thread feeder) {
        try {
            while (!q.offer(f, 100, TimeUnit.MILLISECONDS)) {
                if (!feeder.isAlive()) {
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
