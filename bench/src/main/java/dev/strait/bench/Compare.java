package dev.strait.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a run directory of {@code SCENARIO-direct.json} / {@code SCENARIO-strait.json} pairs and
 * prints Markdown tables: the raw figures, then what Strait adds over going direct. Markdown so the
 * output can be pasted into BENCHMARKS.md as measured, with no hand copying of numbers.
 */
public final class Compare {

    private Compare() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Compare RESULTS_DIR SCENARIO...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        StringBuilder raw = new StringBuilder("""
                | scenario | target | req/s | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | first byte p50 / p99 ms |
                |---|---|---:|---:|---:|---:|---:|---:|---:|---:|
                """);
        StringBuilder added = new StringBuilder("""
                | scenario | added p50 ms | added p99 ms | added p99.9 ms | throughput strait/direct |
                |---|---:|---:|---:|---:|
                """);
        for (int i = 1; i < args.length; i++) {
            String scenario = args[i];
            JsonObject direct = read(dir.resolve(scenario + "-direct.json"));
            JsonObject strait = read(dir.resolve(scenario + "-strait.json"));
            if (direct == null || strait == null) {
                continue;
            }
            rawRow(raw, scenario, "direct", direct);
            rawRow(raw, scenario, "strait", strait);
            JsonObject d = direct.getJsonObject("latency_us");
            JsonObject s = strait.getJsonObject("latency_us");
            added.append(String.format("| %s | %s | %s | %s | %.2f |%n", scenario, delta(s, d, "p50"), delta(s, d, "p99"),
                    delta(s, d, "p999"), strait.getDouble("throughput_rps") / direct.getDouble("throughput_rps")));
        }
        System.out.println(raw);
        System.out.println(added);
    }

    private static void rawRow(StringBuilder out, String scenario, String target, JsonObject r) {
        JsonObject l = r.getJsonObject("latency_us");
        JsonObject fb = r.getJsonObject("first_byte_us");
        out.append(String.format("| %s | %s | %.0f | %d | %s | %s | %s | %s | %s | %s |%n", scenario, target,
                r.getDouble("throughput_rps"), r.getLong("errors"), ms(l.getLong("p50")), ms(l.getLong("p90")),
                ms(l.getLong("p99")), ms(l.getLong("p999")), ms(l.getLong("max")),
                fb == null ? "" : ms(fb.getLong("p50")) + " / " + ms(fb.getLong("p99"))));
    }

    private static String delta(JsonObject strait, JsonObject direct, String key) {
        return String.format("%+.3f", (strait.getLong(key) - direct.getLong(key)) / 1000.0);
    }

    private static String ms(long micros) {
        return String.format("%.3f", micros / 1000.0);
    }

    private static JsonObject read(Path file) throws IOException {
        if (!Files.exists(file)) {
            System.err.println("compare: missing " + file);
            return null;
        }
        return new JsonObject(Files.readString(file).trim());
    }
}
