package dev.strait.emulator;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the emulator has seen, for tests to assert on. Counters are atomic and the "last request"
 * fields are published together as one immutable snapshot, so a reader never mixes the path of
 * one request with the headers of another.
 */
public final class EmulatorStats {

    private record LastRequest(String path, Map<String, String> headers, String body) {
        static final LastRequest NONE = new LastRequest(null, Map.of(), null);
    }

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong cancelledStreams = new AtomicLong();
    private final AtomicLong completedStreams = new AtomicLong();
    private volatile LastRequest last = LastRequest.NONE;

    /** Model-route requests received (the emulator's own /_emulator routes are not counted). */
    public long requests() {
        return requests.get();
    }

    /** Streams the client abandoned before the emulator finished writing them. */
    public long cancelledStreams() {
        return cancelledStreams.get();
    }

    /** Streams written to the end (a stream cut by a fault is neither completed nor cancelled). */
    public long completedStreams() {
        return completedStreams.get();
    }

    /** The raw body of the last model request, or null before the first one. */
    public String lastRequestBody() {
        return last.body();
    }

    /** The last request body as JSON, or null when there is none or it is not a JSON object. */
    public JsonObject lastRequestJson() {
        String body = last.body();
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    /** Headers of the last model request, names lower-cased. */
    public Map<String, String> lastRequestHeaders() {
        return last.headers();
    }

    public String lastPath() {
        return last.path();
    }

    public void reset() {
        requests.set(0);
        cancelledStreams.set(0);
        completedStreams.set(0);
        last = LastRequest.NONE;
    }

    public JsonObject toJson() {
        LastRequest snapshot = last;
        return new JsonObject()
                .put("requests", requests())
                .put("cancelled_streams", cancelledStreams())
                .put("completed_streams", completedStreams())
                .put("last_path", snapshot.path())
                .put("last_request_headers", new JsonObject(new LinkedHashMap<String, Object>(snapshot.headers())));
    }

    void recordRequest(String path, Map<String, String> headers, String body) {
        requests.incrementAndGet();
        last = new LastRequest(path, Map.copyOf(headers), body);
    }

    void streamCancelled() {
        cancelledStreams.incrementAndGet();
    }

    void streamCompleted() {
        completedStreams.incrementAndGet();
    }
}
