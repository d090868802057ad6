package dev.strait.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code strait monitor replay}: a trace in, one verdict per organization out. */
class MonitorCommandTest {

    @TempDir
    Path dir;

    @Test
    void replaysATraceAndPrintsOneVerdictPerOrganization() throws Exception {
        StringBuilder trace = new StringBuilder();
        Instant t = Instant.parse("2026-04-06T00:00:00Z");
        for (int i = 0; i < 2000; i++) {
            Instant ts = t.plusSeconds(i * 300L);
            trace.append(line(i, ts, "org-quiz", "key-q" + (i / 400), "Puzzle " + i
                    + ": how many apples are left? Reason it through one step at a time and verify each step "
                    + "before the final answer.", 0.9, 8000));
            if (i % 4 == 0) {
                trace.append(line(i, ts.plusSeconds(1), "org-shop", "key-s", "Where is my order " + i + "?", 0.1, 300));
            }
        }
        Path file = dir.resolve("trace.jsonl");
        Files.writeString(file, trace + "this is not json\n");

        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new Main()).execute("monitor", "replay", "--trace", file.toString(), "--tier", "strict");
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        List<JsonNode> verdicts = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            verdicts.add(new ObjectMapper().readTree(l));
        }
        assertThat(verdicts).extracting(v -> v.path("org").asText()).containsExactly("org-quiz", "org-shop");
        assertThat(verdicts.get(0).path("verdict").asText()).isIn("throttle", "suspend");
        assertThat(verdicts.get(0).path("tier").asText()).isEqualTo("strict");
        assertThat(verdicts.get(1).path("verdict").asText()).isIn("ok", "watch");
    }

    @Test
    void refusesAnUnknownTier() throws Exception {
        Path file = dir.resolve("empty.jsonl");
        Files.writeString(file, "");
        assertThat(new CommandLine(new Main()).execute("monitor", "replay", "--trace", file.toString(), "--tier", "lax"))
                .isEqualTo(2);
    }

    private static String line(int i, Instant ts, String org, String key, String prompt, double temperature, int maxTokens) {
        return "{\"id\":\"r" + i + org + "\",\"ts\":\"" + ts + "\",\"org\":\"" + org + "\",\"key\":\"" + key
                + "\",\"market\":\"NL\",\"client\":{\"ip\":\"192.0.2.10\",\"user_agent\":\"t/1\"},"
                + "\"endpoint\":\"/v1/chat/completions\",\"body\":{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + prompt + "\"}],\"temperature\":" + temperature + ",\"max_tokens\":" + maxTokens
                + "},\"response\":{\"status\":200,\"content\":\"ok\",\"finish_reason\":\"stop\","
                + "\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":600}}}\n";
    }
}
