package dev.strait.emulator;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * What the emulator should do wrong, and how slowly. One immutable plan replaces the previous one
 * as a whole, so a test never observes half of an old plan and half of a new one.
 *
 * @param latency          wait before the response headers are written
 * @param tokensPerSecond  pace of streamed content chunks; 0 means as fast as the socket allows
 * @param failStatus       answer every model request with this status (0 = no failure)
 * @param retryAfter       sent as {@code retry-after} (whole seconds, rounded up) with a 429
 * @param resetConnection  close the TCP connection without writing a byte
 * @param cutAfterChunks   close the connection mid-stream after this many content chunks (-1 = never)
 */
public record Faults(Duration latency, double tokensPerSecond, int failStatus, Duration retryAfter,
                     boolean resetConnection, int cutAfterChunks) {

    private static final Set<String> JSON_KEYS = Set.of(
            "latency_ms", "tokens_per_second", "fail_status", "retry_after_s", "reset", "cut_after_chunks");

    public Faults {
        latency = latency == null ? Duration.ZERO : latency;
        retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
        if (latency.isNegative() || retryAfter.isNegative()) {
            throw new IllegalArgumentException("latency and retryAfter must not be negative");
        }
        if (!(tokensPerSecond >= 0) || Double.isInfinite(tokensPerSecond)) {
            throw new IllegalArgumentException("tokensPerSecond must be a finite number >= 0");
        }
        if (failStatus != 0 && (failStatus < 400 || failStatus > 599)) {
            throw new IllegalArgumentException("failStatus must be 0 or an error status (400-599), got " + failStatus);
        }
        if (cutAfterChunks < -1) {
            throw new IllegalArgumentException("cutAfterChunks must be -1 (never) or >= 0");
        }
    }

    public static Faults none() {
        return new Faults(Duration.ZERO, 0, 0, Duration.ZERO, false, -1);
    }

    public static Faults status(int status) {
        return none().withFailStatus(status);
    }

    /** A 429 that tells the client when to come back. */
    public static Faults rateLimited(Duration retryAfter) {
        return none().withFailStatus(429).withRetryAfter(retryAfter);
    }

    public static Faults reset() {
        return none().withResetConnection(true);
    }

    public static Faults cutAfter(int chunks) {
        return none().withCutAfterChunks(chunks);
    }

    public static Faults latency(Duration latency) {
        return none().withLatency(latency);
    }

    public static Faults slow(double tokensPerSecond) {
        return none().withTokensPerSecond(tokensPerSecond);
    }

    public Faults withLatency(Duration value) {
        return new Faults(value, tokensPerSecond, failStatus, retryAfter, resetConnection, cutAfterChunks);
    }

    public Faults withTokensPerSecond(double value) {
        return new Faults(latency, value, failStatus, retryAfter, resetConnection, cutAfterChunks);
    }

    public Faults withFailStatus(int value) {
        return new Faults(latency, tokensPerSecond, value, retryAfter, resetConnection, cutAfterChunks);
    }

    public Faults withRetryAfter(Duration value) {
        return new Faults(latency, tokensPerSecond, failStatus, value, resetConnection, cutAfterChunks);
    }

    public Faults withResetConnection(boolean value) {
        return new Faults(latency, tokensPerSecond, failStatus, retryAfter, value, cutAfterChunks);
    }

    public Faults withCutAfterChunks(int value) {
        return new Faults(latency, tokensPerSecond, failStatus, retryAfter, resetConnection, value);
    }

    /** The value of the {@code retry-after} header: whole seconds, rounded up, as providers send it. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds();
        return retryAfter.toNanosPart() > 0 ? seconds + 1 : seconds;
    }

    /**
     * Reads the plan from its HTTP form (PUT /_emulator/faults, header x-emulator-fault). Absent keys
     * keep their "no fault" value; unknown keys are rejected so a typo does not silently do nothing.
     */
    public static Faults fromJson(JsonObject json) {
        for (String key : json.fieldNames()) {
            if (!JSON_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown fault key '" + key + "', expected one of " + JSON_KEYS);
            }
        }
        try {
            return new Faults(
                    Duration.ofMillis(json.getLong("latency_ms", 0L)),
                    json.getDouble("tokens_per_second", 0.0),
                    json.getInteger("fail_status", 0),
                    Duration.ofMillis(Math.round(json.getDouble("retry_after_s", 0.0) * 1000)),
                    json.getBoolean("reset", false),
                    json.getInteger("cut_after_chunks", -1));
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("a fault value has the wrong type: " + e.getMessage(), e);
        }
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("latency_ms", latency.toMillis())
                .put("tokens_per_second", tokensPerSecond)
                .put("fail_status", failStatus)
                .put("retry_after_s", retryAfter.toMillis() / 1000.0)
                .put("reset", resetConnection)
                .put("cut_after_chunks", cutAfterChunks);
    }
}
