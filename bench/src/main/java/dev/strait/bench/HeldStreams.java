package dev.strait.bench;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Many long-lived streams open at once: N streams started evenly over the ramp, which the upstream
 * paces so that each stays open for the hold. Every server-sent event is counted, so a relay that
 * drops or merges a content chunk shows up as chunks missing against what the upstream sent.
 * Prints "plateau open=K" on stderr once every stream should be open, so a script can take the
 * server's heap at that moment.
 */
final class HeldStreams {

    /** Streams still open this long after the hold count as incomplete. */
    private static final long DRAIN_NANOS = 60_000_000_000L;

    /** What one event loop saw; touched only on that loop. */
    private static final class StreamTally {
        final Histogram firstByte = new Histogram(60_000_000L, 3);
        final Histogram duration = new Histogram(600_000_000L, 3);
        long opened;
        long completed;
        long shortStreams;
        long failed;
        long badStatus;
        long chunks;
        String firstError;

        void error(String detail) {
            if (firstError == null) {
                firstError = detail;
            }
        }
    }

    private final Options.HoldPlan plan;
    private final HttpClient client;
    private final RequestOptions request;
    private final Buffer body;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicInteger dispatched = new AtomicInteger();

    private HeldStreams(Options.HoldPlan plan, HttpClient client, RequestOptions request, Buffer body) {
        this.plan = plan;
        this.client = client;
        this.request = request;
        this.body = body;
    }

    static JsonObject run(Options o, HttpClient client, RequestOptions request, Buffer body, Context[] loops)
            throws InterruptedException {
        HeldStreams held = new HeldStreams(o.hold(), client, request, body);
        StreamTally[] tallies = new StreamTally[loops.length];
        for (int k = 0; k < loops.length; k++) {
            tallies[k] = new StreamTally();
        }
        int n = o.hold().streams();
        long start = System.nanoTime() + 100_000_000L;
        long rampNanos = (long) (o.hold().rampSeconds() * 1e9);
        for (int i = 0; i < n; i++) {
            long due = start + rampNanos * i / n;
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            int k = i % loops.length;
            held.dispatched.incrementAndGet();
            loops[k].runOnContext(v -> held.openOne(tallies[k]));
        }
        // Every stream should be open from the end of the ramp until its hold ends: report as soon as all
        // are, or else a little past the middle of that window (a stream that could not open never will).
        long plateau = start + rampNanos + (long) ((o.hold().holdSeconds() - o.hold().rampSeconds()) * 0.5e9);
        long deadline = start + (long) (o.hold().holdSeconds() * 1e9) + DRAIN_NANOS;
        boolean reported = false;
        long nextProgress = System.nanoTime();
        while (held.ended.get() < n && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (!reported && (now >= plateau || held.open.get() >= n)) {
                reported = true;
                // In flight: sent and not ended, answered or not; each one holds state in the server.
                System.err.printf("plateau open=%d inflight=%d%n", held.open.get(),
                        held.dispatched.get() - held.ended.get());
                System.err.flush();
            }
            if (now >= nextProgress) {
                System.err.printf("streams: open %d, ended %d of %d%n", held.open.get(), held.ended.get(), n);
                nextProgress = now + 2_000_000_000L;
            }
            Thread.sleep(50);
        }
        StreamTally total = new StreamTally();
        CountDownLatch merged = new CountDownLatch(loops.length);
        for (int k = 0; k < loops.length; k++) {
            StreamTally mine = tallies[k];
            loops[k].runOnContext(v -> {
                synchronized (total) {
                    add(total, mine);
                }
                merged.countDown();
            });
        }
        merged.await();
        synchronized (total) {
            return held.json(o, total, n - held.ended.get());
        }
    }

    private void openOne(StreamTally tally) {
        long startedAt = System.nanoTime();
        client.request(request)
                .compose(req -> req.send(body))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        tally.failed++;
                        tally.error("failed: " + ar.cause());
                        ended.incrementAndGet();
                    } else {
                        read(ar.result(), tally, startedAt);
                    }
                });
    }

    private void read(HttpClientResponse response, StreamTally tally, long startedAt) {
        if (response.statusCode() != 200) {
            response.body().onComplete(b -> {
                tally.badStatus++;
                tally.error("status " + response.statusCode() + ": " + (b.succeeded() ? b.result() : b.cause()));
                ended.incrementAndGet();
            });
            return;
        }
        tally.opened++;
        peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        int[] chunks = {0};
        boolean[] state = {false, false, false}; // [DONE] seen, outcome recorded, first event seen
        response.handler(RecordParser.newDelimited("\n\n", event -> {
            if (!state[2]) {
                state[2] = true;
                Tally.record(tally.firstByte, System.nanoTime() - startedAt);
            }
            String text = event.toString(StandardCharsets.UTF_8);
            if (text.contains("[DONE]")) {
                state[0] = true;
            } else if (carriesContent(text)) {
                chunks[0]++;
            }
        }));
        Runnable finish = () -> {
            if (state[1]) {
                return;
            }
            state[1] = true;
            open.decrementAndGet();
            ended.incrementAndGet();
            tally.chunks += chunks[0];
            Tally.record(tally.duration, System.nanoTime() - startedAt);
            if (state[0] && chunks[0] >= plan.expectChunks()) {
                tally.completed++;
            } else {
                tally.shortStreams++;
                tally.error("short stream: " + chunks[0] + " content chunks" + (state[0] ? "" : ", no [DONE]"));
            }
        };
        response.exceptionHandler(e -> {
            tally.error("failed mid-stream: " + e);
            finish.run();
        });
        response.endHandler(v -> finish.run());
    }

    /** A content chunk has a non-empty {@code "content"} string (the role chunk's is empty, the finish chunk has none). */
    static boolean carriesContent(String event) {
        int at = event.indexOf("\"content\":");
        if (at < 0) {
            return false;
        }
        int i = at + "\"content\":".length();
        while (i < event.length() && event.charAt(i) == ' ') {
            i++;
        }
        return i + 1 < event.length() && event.charAt(i) == '"' && event.charAt(i + 1) != '"';
    }

    private static void add(StreamTally total, StreamTally t) {
        total.firstByte.add(t.firstByte);
        total.duration.add(t.duration);
        total.opened += t.opened;
        total.completed += t.completed;
        total.shortStreams += t.shortStreams;
        total.failed += t.failed;
        total.badStatus += t.badStatus;
        total.chunks += t.chunks;
        if (total.firstError == null) {
            total.firstError = t.firstError;
        }
    }

    private JsonObject json(Options o, StreamTally t, long incomplete) {
        long expected = (long) plan.streams() * plan.expectChunks();
        return new JsonObject()
                .put("label", o.label())
                .put("url", o.url().toString())
                .put("mode", "streams")
                .put("http2", o.http2())
                .put("streams", plan.streams())
                .put("ramp_s", plan.rampSeconds())
                .put("hold_s", plan.holdSeconds())
                .put("opened", t.opened)
                .put("peak_open", peakOpen.get())
                .put("completed", t.completed)
                .put("chunks_expected", expected)
                .put("chunks_received", t.chunks)
                .put("chunks_missing", expected - t.chunks)
                .put("errors", t.failed + t.badStatus + t.shortStreams + incomplete)
                .put("error_detail", new JsonObject()
                        .put("status", t.badStatus)
                        .put("failed", t.failed)
                        .put("short", t.shortStreams)
                        .put("incomplete", incomplete)
                        .put("first", t.firstError))
                .put("first_byte_us", Report.percentiles(t.firstByte))
                .put("duration_us", Report.percentiles(t.duration));
    }

    static String table(JsonObject r) {
        return String.format("%s  %s  %d streams held%s%n  opened %d  peak open %d  completed %d  errors %d%s%n"
                        + "  content chunks %d of %d (%d missing)%n",
                r.getString("label"), r.getString("url"), r.getInteger("streams"), r.getBoolean("http2") ? " (h2c)" : "",
                r.getLong("opened"), r.getInteger("peak_open"), r.getLong("completed"), r.getLong("errors"),
                r.getLong("errors") > 0 ? "  (" + r.getJsonObject("error_detail").encode() + ")" : "",
                r.getLong("chunks_received"), r.getLong("chunks_expected"), r.getLong("chunks_missing"));
    }
}
