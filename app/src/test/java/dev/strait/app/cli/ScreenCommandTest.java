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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code strait screen}: JSON out, one line per input line, a clear refusal without lists. */
class ScreenCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path lists;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void writeLists() throws Exception {
        lists = Files.createDirectory(dir.resolve("lists"));
        Files.writeString(lists.resolve("blocklist.csv"), """
                name,aliases,country,reason
                "Crestline Ventures Ltd.","Crestline Holdings; 克雷斯特林有限公司",GB,"chargeback fraud"
                """);
        Files.writeString(lists.resolve("dpl.txt"), String.join("\t", "\"Name\"", "\"Street_Address\"", "\"City\"",
                "\"State\"", "\"Country\"", "\"Postal_Code\"", "\"Effective_Date\"", "\"Expiration_Date\"",
                "\"Standard_Order\"", "\"Last_Update\"", "\"Action\"", "\"FR_Citation\"") + "\n"
                + String.join("\t", "\"ORBITEC TRADING FZE\"", "\"P.O. BOX 1\"", "\"DUBAI\"", "\"\"", "\"AE\"", "\"\"",
                        "\"11/02/2018\"", "\"11/02/2028\"", "\"Y\"", "\"2018-11-09\"", "\"FR NOTICE ADDED\"", "\"83 F.R. 1\"") + "\n");
    }

    Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void printsTheDecisionAndHitsWithListEntryScoreAndExplanation() throws Exception {
        Run run = cli("screen", "--name", "Crestline Ventures Limited", "--country", "GB", "--lists", lists.toString());
        assertThat(run.exit()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("decision").asText()).isEqualTo("block");
        JsonNode hit = result.get("hits").get(0);
        assertThat(hit.get("list").asText()).isEqualTo("blocklist.csv");
        assertThat(hit.get("entry").asText()).isEqualTo("Crestline Ventures Ltd.");
        assertThat(hit.get("score").asDouble()).isEqualTo(1.0);
        assertThat(hit.get("explanation").asText()).contains("tokens crestline, venture").contains("GB is listed");
        assertThat(result.get("lists")).hasSize(2);
        assertThat(result.get("lists").get(0).get("sha256").asText()).hasSize(64);

        JsonNode clear = JSON.readTree(cli("screen", "--name", "Larkspur Freight GmbH", "--lists", lists.toString()).out());
        assertThat(clear.get("decision").asText()).isEqualTo("clear");
        assertThat(clear.get("hits")).isEmpty();
    }

    @Test
    void screensAJsonLinesFileOneResultPerLine() throws Exception {
        Path input = dir.resolve("orgs.jsonl");
        Files.write(input, List.of("{\"name\": \"克雷斯特林有限公司\", \"country\": \"CN\"}", "",
                "{\"name\": \"Orbitec Trading LLC\"}", "{\"name\": \"Larkspur Freight\"}", "not json"));
        Run run = cli("screen", "--input", input.toString(), "--lists", lists.toString());
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(JSON.readTree(lines.get(0)).get("decision").asText()).isIn("block", "review");
        assertThat(JSON.readTree(lines.get(0)).get("hits").get(0).get("transliteration").asText()).startsWith("query Han→Latin");
        assertThat(JSON.readTree(lines.get(1)).get("decision").asText()).isEqualTo("block");
        assertThat(JSON.readTree(lines.get(2)).get("decision").asText()).isEqualTo("clear");
        assertThat(JSON.readTree(lines.get(3)).get("line").asInt()).isEqualTo(5);
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void saysSoWhenNoListsAreConfigured() {
        Run run = cli("screen", "--name", "Anyone");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no screening lists configured");
        Run empty = cli("screen", "--name", "Anyone", "--lists", dir.resolve("missing").toString());
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("not a directory of screening lists");
    }
}
