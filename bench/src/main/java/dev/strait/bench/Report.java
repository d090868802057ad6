package dev.strait.bench;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/** Turns a merged tally into the one-line JSON the scripts read and the table a person reads. */
final class Report {

    private Report() {
    }

    static JsonObject json(Options options, Tally t, Window window, long incomplete) {
        JsonObject json = new JsonObject()
                .put("label", options.label())
                .put("url", options.url().toString())
                .put("mode", options.openLoop() ? "open" : "closed")
                .put("stream", options.stream())
                .put("rate", options.rate())
                .put("connections", options.connections())
                .put("duration_s", options.durationSeconds())
                .put("warmup_s", options.warmupSeconds())
                .put("sent", t.sent)
                .put("ok", t.ok)
                .put("measured", t.latency.getTotalCount())
                .put("errors", t.badStatus + t.failed + t.truncated + incomplete)
                .put("error_detail", new JsonObject()
                        .put("status", t.badStatus)
                        .put("failed", t.failed)
                        .put("truncated", t.truncated)
                        .put("incomplete", incomplete)
                        .put("first", t.firstError))
                .put("throughput_rps", round(t.okInWindow / window.seconds()))
                .put("latency_us", percentiles(t.latency));
        if (options.stream()) {
            json.put("first_byte_us", percentiles(t.firstByte));
        }
        if (options.openLoop()) {
            json.put("send_lag_us", percentiles(t.sendLag));
        }
        return json;
    }

    static JsonObject percentiles(Histogram h) {
        return new JsonObject()
                .put("p50", h.getValueAtPercentile(50))
                .put("p90", h.getValueAtPercentile(90))
                .put("p99", h.getValueAtPercentile(99))
                .put("p999", h.getValueAtPercentile(99.9))
                .put("max", h.getMaxValue())
                .put("mean", round(h.getMean()));
    }

    static String table(JsonObject r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%s  %s  %s%s%n", r.getString("label"), r.getString("url"),
                r.getString("mode").equals("open") ? "open loop @ " + r.getDouble("rate") + " req/s"
                        : "closed loop x" + r.getInteger("connections"),
                r.getBoolean("stream") ? "  (stream)" : ""));
        s.append(String.format("  throughput %.1f req/s   sent %d  ok %d  errors %d%s%n", r.getDouble("throughput_rps"),
                r.getLong("sent"), r.getLong("ok"), r.getLong("errors"),
                r.getLong("errors") > 0 ? "  (" + r.getJsonObject("error_detail").encode() + ")" : ""));
        s.append(String.format("  %-14s %9s %9s %9s %9s %9s%n", "µs", "p50", "p90", "p99", "p99.9", "max"));
        row(s, "latency", r.getJsonObject("latency_us"));
        if (r.containsKey("first_byte_us")) {
            row(s, "first byte", r.getJsonObject("first_byte_us"));
        }
        if (r.containsKey("send_lag_us")) {
            row(s, "send lag", r.getJsonObject("send_lag_us"));
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String name, JsonObject p) {
        s.append(String.format("  %-14s %9d %9d %9d %9d %9d%n", name, p.getLong("p50"), p.getLong("p90"),
                p.getLong("p99"), p.getLong("p999"), p.getLong("max")));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
