package dev.strait.emulator;

import dev.strait.core.sse.SseEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.List;

/**
 * Writes a prepared event stream: paces content chunks to the fault plan's tokens per second with
 * Vert.x timers (never sleeping on the event loop), cuts the connection when the plan says so,
 * and notices a client that leaves early so no timer keeps generating for nobody.
 * All state is touched only on the request's event loop.
 */
final class StreamPacer {

    /** One event on the wire; content events count towards pacing and cuts, framing events do not. */
    record Chunk(Buffer wire, boolean content, int tokens) {

        static Chunk content(SseEvent event, int tokens) {
            return new Chunk(Buffer.buffer(event.encodeBytes()), true, tokens);
        }

        static Chunk framing(SseEvent event) {
            return new Chunk(Buffer.buffer(event.encodeBytes()), false, 0);
        }
    }

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final List<Chunk> chunks;
    private final Faults faults;
    private final EmulatorStats stats;
    private final long startNanos = System.nanoTime();
    private int next;
    private int contentSent;
    private long tokensSent;
    private long timer = -1;
    private boolean done;

    private StreamPacer(Vertx vertx, HttpServerRequest request, List<Chunk> chunks, Faults faults, EmulatorStats stats) {
        this.vertx = vertx;
        this.request = request;
        this.response = request.response();
        this.chunks = chunks;
        this.faults = faults;
        this.stats = stats;
    }

    /** Sends the headers of an event stream, then the chunks. */
    static void start(Vertx vertx, HttpServerRequest request, List<Chunk> chunks, Faults faults, EmulatorStats stats) {
        StreamPacer pacer = new StreamPacer(vertx, request, chunks, faults, stats);
        if (pacer.response.closed()) {
            stats.streamCancelled(); // the client left while the latency fault held the request
            return;
        }
        pacer.response.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache");
        pacer.response.closeHandler(v -> pacer.clientLeft());
        if (faults.cutAfterChunks() == 0) {
            pacer.response.writeHead().onComplete(v -> pacer.cut());
            return;
        }
        pacer.pump();
    }

    private void pump() {
        while (!done && next < chunks.size()) {
            if (response.writeQueueFull()) {
                response.drainHandler(v -> pump());
                return;
            }
            Chunk chunk = chunks.get(next);
            long waitMs = chunk.content() ? pacingDelayMs(chunk.tokens()) : 0;
            if (waitMs > 0) {
                timer = vertx.setTimer(waitMs, id -> {
                    timer = -1;
                    send(chunk);
                    pump();
                });
                return;
            }
            send(chunk);
        }
        if (!done) {
            done = true;
            response.end();
            stats.streamCompleted();
        }
    }

    private void send(Chunk chunk) {
        if (done) {
            return;
        }
        next++;
        var written = response.write(chunk.wire());
        if (chunk.content()) {
            contentSent++;
            tokensSent += chunk.tokens();
            if (faults.cutAfterChunks() >= 0 && contentSent >= faults.cutAfterChunks()) {
                done = true;
                // Close only once the last chunk reached the socket, so the client sees exactly N.
                written.onComplete(v -> cut());
            }
        }
    }

    /** When the chunk carrying the stream past {@code tokensSent} is due, measured from the start. */
    private long pacingDelayMs(int tokens) {
        if (faults.tokensPerSecond() <= 0) {
            return 0;
        }
        double dueSeconds = (tokensSent + Math.max(1, tokens)) / faults.tokensPerSecond();
        long dueNanos = startNanos + (long) (dueSeconds * 1_000_000_000L);
        return Math.max(0, (dueNanos - System.nanoTime()) / 1_000_000);
    }

    private void cut() {
        done = true;
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset(); // one stream dies, the multiplexed connection lives on, as with a real upstream
        } else {
            request.connection().close();
        }
    }

    private void clientLeft() {
        if (done) {
            return;
        }
        done = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        stats.streamCancelled();
    }
}
