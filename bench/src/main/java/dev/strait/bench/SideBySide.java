package dev.strait.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Turns a {@code bench/compare.sh} results directory into compare.md: absolute figures per target,
 * the ratios the issue asks for, what Strait adds over going direct, memory per 1,000 open streams,
 * GC pauses, and each target met or not. Markdown, so it goes into BENCHMARKS.md as measured.
 */
public final class SideBySide {

    private static final List<String> TARGETS = List.of("direct", "nginx", "portkey", "strait");

    private final Path dir;
    private final Properties facts = new Properties();
    private final StringBuilder md = new StringBuilder();

    private SideBySide(Path dir) throws IOException {
        this.dir = dir;
        Path file = dir.resolve("facts.properties");
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                facts.load(reader);
            }
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SideBySide RESULTS_DIR");
            System.exit(2);
        }
        SideBySide report = new SideBySide(Path.of(args[0]));
        report.write();
        System.out.print(report.md);
    }

    private void write() throws IOException {
        md.append("## Side by side (").append(facts.getProperty("mode", "?")).append(" run, ")
                .append(dir.getFileName()).append(")\n\n");
        throughput();
        rates();
        streams();
        held();
        gc();
        targets();
    }

    private void throughput() throws IOException {
        md.append("### Maximum throughput (closed loop, 32 connections, small chat)\n\n")
                .append("| target | req/s | errors | p50 ms | p99 ms | p99.9 ms | Strait ÷ target |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        double strait = rps("max-strait");
        for (String target : TARGETS) {
            JsonObject r = read("max-" + target);
            if (r == null) {
                continue;
            }
            JsonObject l = r.getJsonObject("latency_us");
            md.append(String.format("| %s | %.0f | %d | %s | %s | %s | %s |%n", target, r.getDouble("throughput_rps"),
                    r.getLong("errors"), ms(l, "p50"), ms(l, "p99"), ms(l, "p999"),
                    target.equals("strait") ? "" : ratio(strait, r.getDouble("throughput_rps"))));
        }
        md.append('\n');
    }

    private void rates() throws IOException {
        md.append("### Open loop at fixed rates (small chat; latency from the intended send time)\n\n")
                .append("| rate | target | achieved req/s | errors | p50 ms | p99 ms | p99.9 ms | max ms "
                        + "| added p50 ms | added p99 ms | added p99.9 ms |\n")
                .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String each : facts.getProperty("rates", "1000 5000 10000").trim().split("\\s+")) {
            int rate = Integer.parseInt(each);
            JsonObject direct = read("rate" + rate + "-direct");
            for (String target : TARGETS) {
                String skipped = facts.getProperty("skipped.rate" + rate + "-" + target);
                if (skipped != null) {
                    md.append(String.format("| %d | %s | not run: maximum %.0f req/s | | | | | | | | |%n", rate, target,
                            Double.parseDouble(skipped)));
                    continue;
                }
                JsonObject r = read("rate" + rate + "-" + target);
                if (r != null) {
                    latencyRow(String.valueOf(rate), target, r, direct);
                }
            }
        }
        md.append('\n');
    }

    private void streams() throws IOException {
        md.append("### Streaming chat, 50 chunks, open loop at 500 req/s (Portkey: not measured)\n\n")
                .append("| target | achieved req/s | errors | first byte p50 / p99 ms | p50 ms | p99 ms | p99.9 ms | max ms "
                        + "| added p50 ms | added p99 ms | added p99.9 ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        JsonObject direct = read("stream50-direct");
        for (String target : List.of("direct", "nginx", "strait")) {
            JsonObject r = read("stream50-" + target);
            if (r == null) {
                continue;
            }
            JsonObject fb = r.getJsonObject("first_byte_us");
            String firstByte = fb == null ? "" : ms(fb, "p50") + " / " + ms(fb, "p99");
            StringBuilder row = new StringBuilder();
            JsonObject l = r.getJsonObject("latency_us");
            row.append(String.format("| %s | %.0f | %d | %s | %s | %s | %s | %s |", target, r.getDouble("throughput_rps"),
                    r.getLong("errors"), firstByte, ms(l, "p50"), ms(l, "p99"), ms(l, "p999"), ms(l, "max")));
            added(row, l, direct);
            md.append(row).append('\n');
        }
        md.append('\n');
    }

    private void latencyRow(String rate, String target, JsonObject r, JsonObject direct) {
        JsonObject l = r.getJsonObject("latency_us");
        StringBuilder row = new StringBuilder(String.format("| %s | %s | %.0f | %d | %s | %s | %s | %s |", rate, target,
                r.getDouble("throughput_rps"), r.getLong("errors"), ms(l, "p50"), ms(l, "p99"), ms(l, "p999"), ms(l, "max")));
        added(row, l, direct);
        md.append(row).append('\n');
    }

    private static void added(StringBuilder row, JsonObject l, JsonObject direct) {
        if (direct == null) {
            row.append(" | | |");
            return;
        }
        JsonObject d = direct.getJsonObject("latency_us");
        for (String p : List.of("p50", "p99", "p999")) {
            row.append(String.format(" %+.3f |", (l.getLong(p) - d.getLong(p)) / 1000.0));
        }
    }

    private void held() throws IOException {
        JsonObject r = read("held-strait");
        if (r == null) {
            return;
        }
        md.append("### Long-lived streams through Strait (HTTP/2 from the client, HTTP/1.1 upstream)\n\n")
                .append("| streams | peak open | at the probe: open / in flight | completed | errors "
                        + "| content chunks received / sent | missing | live heap before / at the probe MB "
                        + "| heap per 1,000 streams in flight MB | open files at the probe |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
                .append(String.format("| %d | %d | %s / %s | %d | %d | %d / %d | %d | %.0f / %.0f | %.1f | %s |%n%n",
                        r.getInteger("streams"), r.getInteger("peak_open"), facts.getProperty("held.open_at_plateau", "?"),
                        facts.getProperty("held.inflight_at_plateau", "?"), r.getLong("completed"), r.getLong("errors"),
                        r.getLong("chunks_received"), r.getLong("chunks_expected"), r.getLong("chunks_missing"),
                        kb("heap.before_kb") / 1024.0, kb("heap.plateau_kb") / 1024.0, perThousandStreamsMb(),
                        facts.getProperty("fds.plateau", "?")));
    }

    /** Live heap the streams add, per 1,000 of them in flight at the probe (sent, not yet ended). */
    private double perThousandStreamsMb() {
        long inflight = Long.parseLong(facts.getProperty("held.inflight_at_plateau", "0").isBlank() ? "0"
                : facts.getProperty("held.inflight_at_plateau", "0"));
        if (inflight <= 0) {
            return Double.NaN;
        }
        return (kb("heap.plateau_kb") - kb("heap.before_kb")) / 1024.0 / (inflight / 1000.0);
    }

    private void gc() {
        md.append("### GC pauses over the whole run (Parallel GC; the probe's forced full collections left out)\n\n")
                .append("| process | pauses | total ms | max ms |\n|---|---:|---:|---:|\n");
        for (String p : List.of("strait", "emulator")) {
            md.append(String.format("| %s | %s | %s | %s |%n", p, facts.getProperty("gc." + p + ".count", "?"),
                    facts.getProperty("gc." + p + ".total_ms", "?"), facts.getProperty("gc." + p + ".max_ms", "?")));
        }
        md.append('\n');
    }

    private void targets() throws IOException {
        md.append("### Targets (issue 9)\n\n| target | measured | verdict |\n|---|---|---|\n");
        JsonObject s5 = read("rate5000-strait");
        JsonObject d5 = read("rate5000-direct");
        if (s5 != null && d5 != null) {
            double added = (s5.getJsonObject("latency_us").getLong("p99") - d5.getJsonObject("latency_us").getLong("p99")) / 1000.0;
            verdict("added latency p99 ≤ 0.5 ms at 5,000 req/s", String.format("%+.3f ms", added), added <= 0.5);
        } else {
            verdict("added latency p99 ≤ 0.5 ms at 5,000 req/s", "not measured (Strait saturated below 5,000 req/s)", false);
        }
        double strait = rps("max-strait");
        double nginx = rps("max-nginx");
        double portkey = rps("max-portkey");
        verdict("max throughput ≥ 0.8 × nginx's", String.format("%.0f ÷ %.0f = %.2f", strait, nginx, strait / nginx),
                strait >= 0.8 * nginx);
        verdict("max throughput ≥ 10 × Portkey's", String.format("%.0f ÷ %.0f = %.1f", strait, portkey, strait / portkey),
                strait >= 10 * portkey);
        JsonObject held = read("held-strait");
        if (held != null) {
            int streams = held.getInteger("streams");
            // Heap for all of them open at once: the idle node's plus the per-stream share times the count.
            double heapMb = kb("heap.before_kb") / 1024.0 + perThousandStreamsMb() * streams / 1000.0;
            boolean ok = held.getInteger("peak_open") >= streams && heapMb <= 1024
                    && held.getLong("chunks_missing") == 0 && held.getLong("errors") == 0;
            verdict(String.format("%,d concurrent streams, ≤ 1 GB heap, no dropped chunk", streams),
                    String.format("%,d open at once at the peak; live heap for %,d in flight %.0f MB; "
                            + "%d chunks missing; %d errors", held.getInteger("peak_open"), streams, heapMb,
                            held.getLong("chunks_missing"), held.getLong("errors")), ok);
        }
        md.append('\n');
    }

    private void verdict(String target, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "**met**" : "**not met**")
                .append(" |\n");
    }

    private double rps(String name) throws IOException {
        JsonObject r = read(name);
        return r == null ? Double.NaN : r.getDouble("throughput_rps");
    }

    private long kb(String key) {
        return Long.parseLong(facts.getProperty(key, "0").isBlank() ? "0" : facts.getProperty(key, "0"));
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || b <= 0 ? "" : String.format("%.2f", a / b);
    }

    private static String ms(JsonObject percentiles, String key) {
        return String.format("%.3f", percentiles.getLong(key) / 1000.0);
    }

    private JsonObject read(String name) throws IOException {
        Path file = dir.resolve(name + ".json");
        return Files.exists(file) ? new JsonObject(Files.readString(file).trim()) : null;
    }
}
