package dev.strait.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;

/**
 * One request, timed from the moment it was meant to leave to its last byte. Runs entirely on the
 * event loop of the context that fired it, so it writes to that loop's {@link Tally} without locks.
 */
final class Shot {

    private static final byte[] DONE = "[DONE]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final HttpClient client;
    private final RequestOptions request;
    private final Buffer body;
    private final boolean stream;
    private final Window window;

    Shot(HttpClient client, RequestOptions request, Buffer body, boolean stream, Window window) {
        this.client = client;
        this.request = request;
        this.body = body;
        this.stream = stream;
        this.window = window;
    }

    /**
     * Sends now. {@code intended} is when the schedule wanted it sent: latency is counted from there,
     * so a generator or server stall shows up as latency instead of silently thinning the load
     * (coordinated omission). {@code done} runs exactly once, after the outcome is recorded.
     */
    void fire(Tally tally, long intended, Runnable done) {
        long sentAt = System.nanoTime();
        boolean measured = window.contains(intended);
        tally.sent++;
        if (measured) {
            Tally.record(tally.sendLag, sentAt - intended);
        }
        client.request(request)
                .compose(req -> req.send(body))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        tally.failed++;
                        tally.error("failed", String.valueOf(ar.cause()));
                        done.run();
                    } else {
                        read(ar.result(), tally, intended, measured, done);
                    }
                });
    }

    private void read(HttpClientResponse response, Tally tally, long intended, boolean measured, Runnable done) {
        int status = response.statusCode();
        long[] firstChunk = {0};
        Buffer[] last = {null};
        boolean[] finished = {false};
        response.handler(chunk -> {
            if (firstChunk[0] == 0) {
                firstChunk[0] = System.nanoTime();
            }
            // Keep only a short tail: enough for an error message and for a [DONE] split across chunks.
            Buffer tail = last[0] == null ? chunk : last[0].copy().appendBuffer(chunk);
            last[0] = tail.length() <= 256 ? tail : tail.getBuffer(tail.length() - 256, tail.length());
        });
        response.exceptionHandler(e -> {
            if (!finished[0]) {
                finished[0] = true;
                tally.failed++;
                tally.error("failed", String.valueOf(e));
                done.run();
            }
        });
        response.endHandler(v -> {
            if (finished[0]) {
                return;
            }
            finished[0] = true;
            long end = System.nanoTime();
            if (status != 200) {
                tally.badStatus++;
                tally.error("status " + status, last[0] == null ? "" : last[0].toString());
            } else if (stream && !endsWithDone(last[0])) {
                tally.truncated++;
                tally.error("truncated", "stream ended without [DONE]");
            } else {
                tally.ok++;
                if (window.contains(end)) {
                    tally.okInWindow++;
                }
                if (measured) {
                    Tally.record(tally.latency, end - intended);
                    if (firstChunk[0] != 0) {
                        Tally.record(tally.firstByte, firstChunk[0] - intended);
                    }
                }
            }
            done.run();
        });
    }

    /** An OpenAI stream's last event is {@code data: [DONE]}; checking the tail catches a cut-off relay. */
    private static boolean endsWithDone(Buffer chunk) {
        if (chunk == null) {
            return false;
        }
        byte[] bytes = chunk.getBytes();
        outer:
        for (int i = Math.max(0, bytes.length - 24); i <= bytes.length - DONE.length; i++) {
            for (int j = 0; j < DONE.length; j++) {
                if (bytes[i + j] != DONE[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
