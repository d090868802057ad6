package dev.strait.monitor.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.monitor.TestTraffic;
import dev.strait.monitor.engine.MonitorConfig;
import dev.strait.monitor.engine.MonitorEngine;
import dev.strait.monitor.trace.BadLine;
import dev.strait.monitor.trace.ModelCatalog;
import dev.strait.monitor.trace.TraceReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    @Test
    void printsOneVerdictPerOrganizationInTheSpecifiedShape(@TempDir Path dir) throws Exception {
        String trace = new TestTraffic(7, 6).helpDesk("org-desk", "198.51.100.7", 30)
                .reasoningHarvester("org-thinker", 80).jsonl();
        Path file = dir.resolve("trace.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((trace + "garbage line\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("models.json"), "[{\"id\": \"model-a\", \"provider\": \"x\", \"released\": \"2025-01-01\"}]");
        List<BadLine> bad = new ArrayList<>();

        Replay.Result r = new Replay(new MonitorEngine(MonitorConfig.defaults(),
                ModelCatalog.read(dir.resolve("models.json")))).run(file, bad::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Replay.write(r.verdicts(), out);

        assertThat(bad).singleElement().extracting(BadLine::lineNumber).isEqualTo(trace.lines().count() + 1);
        assertThat(r.events()).isEqualTo(trace.lines().count());
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines[0]);
        assertThat(first.path("org").asText()).isEqualTo("org-thinker");
        assertThat(first.path("risk").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.path("verdict").asText()).isIn("review", "throttle", "suspend");
        JsonNode evidence = first.path("evidence").get(0);
        assertThat(evidence.has("signal") && evidence.has("value") && evidence.has("detail")).isTrue();
        assertThat(json.readTree(lines[1]).path("verdict").asText()).isIn("ok", "watch");
    }

    @Test
    void parallelExtractionGivesExactlyTheVerdictsOfASequentialRun(@TempDir Path dir) throws Exception {
        String trace = new TestTraffic(11, 5).helpDesk("org-desk", "198.51.100.7", 120)
                .nightlyReports("org-nightly", "203.0.113.9", 150).reasoningHarvester("org-thinker", 200)
                .grader("org-grader", 150).hydra("org-hydra", 6, 40).jsonl();
        Path file = dir.resolve("trace.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(trace.getBytes(StandardCharsets.UTF_8));
        }
        MonitorEngine sequential = new MonitorEngine(MonitorConfig.defaults(), ModelCatalog.EMPTY);
        new TraceReader().read(file, sequential::observe, b -> { });

        Replay.Result parallel = new Replay(new MonitorEngine(MonitorConfig.defaults(), ModelCatalog.EMPTY), 3)
                .run(file, b -> { });

        assertThat(trace.length()).as("several blocks").isGreaterThan(4 << 18);
        assertThat(parallel.events()).isEqualTo(trace.lines().count());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        Replay.write(sequential.verdicts(), expected, true);
        Replay.write(parallel.verdicts(), actual, true);
        assertThat(actual.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
    }
}
