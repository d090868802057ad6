package dev.strait.monitor.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {

    static final String OPENAI = """
            {"id":"r1","ts":"2026-03-02T10:15:00.250Z","org":"org-a","key":"k1","market":"NL","client":{"ip":"192.0.2.9","user_agent":"ua/1","asn":64500},"endpoint":"/v1/chat/completions","body":{"model":"m1","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"first question"},{"role":"assistant","content":"an answer"},{"role":"user","content":"second question"}],"temperature":0.7,"max_tokens":900,"n":2,"logprobs":true,"seed":7,"tools":[{"type":"function","function":{"name":"f"}}],"vendor_extension":{"deep":[1,2,{"x":null}]}},"response":{"status":200,"content":"hello there","finish_reason":"stop","usage":{"prompt_tokens":12,"completion_tokens":34},"latency_ms":812},"shard":3}
            """;
    static final String ANTHROPIC = """
            {"id":"r2","ts":"2026-03-02T10:16:00Z","org":"org-b","key":"k2","market":"DE","client":{"ip":"2001:db8::5","user_agent":"ua/2"},"endpoint":"/v1/messages","body":{"model":"m2","max_tokens":4096,"system":[{"type":"text","text":"Sys part one."},{"type":"text","text":"Sys part two."}],"messages":[{"role":"user","content":[{"type":"text","text":"look at this"},{"type":"image","source":{"data":"..."}}]}]},"response":{"status":200,"content":"ok","finish_reason":"tool_use","usage":{"input_tokens":5,"output_tokens":6}}}
            """;

    @Test
    void readsBothDialectsAndIgnoresFieldsItDoesNotKnow() throws IOException {
        List<TraceEvent> events = read(OPENAI + ANTHROPIC, new ArrayList<>());

        assertThat(events).hasSize(2);
        TraceEvent a = events.get(0);
        assertThat(a.tsMillis()).isEqualTo(java.time.Instant.parse("2026-03-02T10:15:00.250Z").toEpochMilli());
        assertThat(a.clientIp()).isEqualTo("192.0.2.9");
        assertThat(a.request().system()).isEqualTo("Be brief.");
        assertThat(a.request().firstPrompt()).isEqualTo("first question");
        assertThat(a.request().prompt()).isEqualTo("second question");
        assertThat(a.request().turns()).isEqualTo(4);
        assertThat(a.request().n()).isEqualTo(2);
        assertThat(a.request().temperature()).isEqualTo(0.7);
        assertThat(a.request().maxTokens()).isEqualTo(900);
        assertThat(a.request().logprobs()).isTrue();
        assertThat(a.request().seed()).isTrue();
        assertThat(a.request().tools()).isTrue();
        assertThat(a.response().completionTokens()).isEqualTo(34);

        TraceEvent b = events.get(1);
        assertThat(b.request().system()).isEqualTo("Sys part one.\nSys part two.");
        assertThat(b.request().prompt()).isEqualTo("look at this");
        assertThat(b.request().temperature()).isNaN();
        assertThat(b.response().promptTokens()).isEqualTo(5);
        assertThat(b.response().toolCalls()).isTrue();
    }

    @Test
    void reportsBadLinesWithTheirNumbersAndKeepsReading() throws IOException {
        List<BadLine> bad = new ArrayList<>();
        String trace = OPENAI + "{not json\n" + "\n" + "[1,2]\n" + "{\"ts\":\"2026-03-02T10:00:00Z\"}\n"
                + "{\"org\":\"o\",\"ts\":\"yesterday\"}\n" + ANTHROPIC.strip(); // no final newline

        List<TraceEvent> events = read(trace, bad);

        assertThat(events).extracting(TraceEvent::org).containsExactly("org-a", "org-b");
        assertThat(bad).extracting(BadLine::lineNumber).containsExactly(2L, 4L, 5L, 6L);
        assertThat(bad.get(0).reason()).startsWith("malformed JSON");
        assertThat(bad.get(1).reason()).isEqualTo("not a JSON object");
        assertThat(bad.get(2).reason()).contains("\"org\"");
        assertThat(bad.get(3).toString()).isEqualTo("line 6: bad \"ts\" 'yesterday' (want ISO-8601 UTC)");
    }

    @Test
    void readsGzipAndPlainFilesAlike(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("t.jsonl");
        Path gz = dir.resolve("t.jsonl.gz");
        Files.writeString(plain, OPENAI + ANTHROPIC);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((OPENAI + ANTHROPIC).getBytes(StandardCharsets.UTF_8));
        }
        List<TraceEvent> fromPlain = new ArrayList<>(), fromGz = new ArrayList<>();

        TraceReader.Stats s1 = new TraceReader().read(plain, fromPlain::add, b -> { });
        TraceReader.Stats s2 = new TraceReader().read(gz, fromGz::add, b -> { });

        assertThat(fromGz).isEqualTo(fromPlain).hasSize(2);
        assertThat(s2).isEqualTo(s1).isEqualTo(new TraceReader.Stats(2, 2, 0));
    }

    @Test
    void readsLinesLongerThanItsBuffer() throws IOException {
        String big = "w ".repeat(200_000);
        String line = OPENAI.replace("second question", big);

        List<TraceEvent> events = read(line + line, new ArrayList<>());

        assertThat(events).hasSize(2);
        assertThat(events.get(0).request().prompt()).hasSize(16_384); // texts are cut for feature extraction
    }

    private static List<TraceEvent> read(String trace, List<BadLine> bad) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        new TraceReader().read(new ByteArrayInputStream(trace.getBytes(StandardCharsets.UTF_8)), events::add, bad::add);
        return events;
    }
}
