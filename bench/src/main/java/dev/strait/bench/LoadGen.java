package dev.strait.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for Strait and its emulator: open loop at a fixed rate (latency percentiles free
 * of coordinated omission) or closed loop (maximum throughput). Prints one JSON line on stdout and
 * a table on stderr. Run {@code java -jar bench/target/strait-bench.jar --help} for the options.
 */
public final class LoadGen {

    /** How long in-flight requests may take to finish after the schedule ends before they count as errors. */
    private static final long DRAIN_NANOS = 30_000_000_000L;

    private LoadGen() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println((e.getMessage().isEmpty() ? "" : "loadgen: " + e.getMessage() + "\n") + Options.USAGE);
            System.exit(2);
            return;
        }
        JsonObject result = run(options);
        // The generator's own CPU, JVM start-up included, so run.sh can tell what else was using the cores.
        result.put("loadgen_cpu_s", ProcessHandle.current().info().totalCpuDuration()
                .map(d -> d.toMillis() / 1000.0).orElse(-1.0));
        String line = result.encode();
        System.out.println(line);
        System.err.print(options.heldStreams() ? HeldStreams.table(result) : Report.table(result));
        if (options.out() != null) {
            Files.writeString(options.out(), line + "\n");
        }
    }

    static JsonObject run(Options o) throws InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(o.eventLoops()));
        try {
            HttpClientOptions clientOptions = new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                    .setTcpNoDelay(true).setMaxInitialLineLength(8192);
            if (o.http2()) {
                // h2c with prior knowledge: many streams on few sockets, so 10,000 open streams fit the
                // box's open-file limit on the gateway's side (one socket per stream would need 20,000 there).
                clientOptions.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false);
            }
            HttpClientAgent client = vertx.createHttpClient(clientOptions,
                    new PoolOptions().setHttp1MaxSize(o.poolSize()).setHttp2MaxSize(o.poolSize()).setMaxWaitQueueSize(-1));
            boolean tls = "https".equals(o.url().getScheme());
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                    .setAbsoluteURI(o.url().toString()).setIdleTimeout(30_000)
                    .putHeader("content-type", "application/json")
                    .putHeader("authorization", "Bearer " + o.apiKey())
                    .putHeader("accept", o.stream() ? "text/event-stream" : "application/json");
            request.setSsl(tls);
            o.headers().forEach(h -> request.putHeader(h.getKey(), h.getValue()));
            Buffer body = Buffer.buffer(o.body());
            // One context per event loop: each loop fires and reads its own share and owns its own tally.
            Context[] loops = new Context[o.eventLoops()];
            Tally[] tallies = new Tally[loops.length];
            for (int k = 0; k < loops.length; k++) {
                loops[k] = vertx.getOrCreateContext();
                tallies[k] = new Tally();
            }
            if (o.heldStreams()) {
                return HeldStreams.run(o, client, request, body, loops);
            }
            long start = System.nanoTime() + 100_000_000L;
            long measureStart = start + (long) (o.warmupSeconds() * 1e9);
            Window window = new Window(measureStart, measureStart + (long) (o.durationSeconds() * 1e9));
            Shot shot = new Shot(client, request, body, o.stream(), window);
            AtomicLong outstanding;
            if (o.openLoop()) {
                OpenLoop loop = new OpenLoop(o.rate(), o.warmupSeconds(), o.durationSeconds(), start, loops, tallies, shot);
                outstanding = loop.outstanding();
                Thread scheduler = Thread.ofPlatform().name("loadgen-schedule").start(loop::run);
                scheduler.join();
            } else {
                ClosedLoop loop = new ClosedLoop(o.connections(), window.end(), loops, tallies, shot);
                outstanding = loop.outstanding();
                loop.start();
                Thread.sleep(Math.max(0, (window.end() - System.nanoTime()) / 1_000_000));
            }
            long deadline = System.nanoTime() + DRAIN_NANOS;
            while (outstanding.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // Merge on each loop's own thread: a straggler that outlived the drain may still write its tally.
            Tally total = new Tally();
            CountDownLatch merged = new CountDownLatch(loops.length);
            for (int k = 0; k < loops.length; k++) {
                Tally mine = tallies[k];
                loops[k].runOnContext(v -> {
                    synchronized (total) {
                        total.add(mine);
                    }
                    merged.countDown();
                });
            }
            merged.await();
            synchronized (total) {
                return Report.json(o, total, window, outstanding.get());
            }
        } finally {
            vertx.close().await();
        }
    }
}
