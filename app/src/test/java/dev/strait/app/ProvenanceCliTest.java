package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.provenance.index.Completion;
import dev.strait.provenance.index.ProvenanceIndex;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code strait provenance search|attribute} against an index directory, printing evidence JSON. */
class ProvenanceCliTest {

    private static final String[] WORDS = ("river model harbor signal quiet engine bright report careful village"
            + " protocol garden measures predicts supports ancient digital library festival orbit cargo theory"
            + " planet kernel recipe melody rhythm chapter letter remote stable narrow broad silent").split(" ");

    @TempDir
    Path dir;

    private static String completion(Random random) {
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < 8; s++) {
            out.append("The");
            for (int w = 0; w < 9; w++) {
                out.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            out.append(". ");
        }
        return out.toString().strip();
    }

    private static JsonNode cli(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new Main()).execute(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void searchesAndAttributesWithRequestIdsTimesAndSignatureVersion() throws Exception {
        Path index = dir.resolve("provenance");
        Random random = new Random(9);
        List<Completion> served = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String org = i % 2 == 0 ? "org-even" : "org-odd";
            served.add(new Completion(org, "key-" + org, "req-" + i, "gpt-4o", "US",
                    Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * i), completion(random)));
        }
        try (ProvenanceIndex provenance = ProvenanceIndex.open(index, ProvenanceIndex.Options.DEFAULT)) {
            served.forEach(provenance::offer);
            provenance.flush();
        }

        String suspect = served.get(7).text();
        JsonNode search = cli("provenance", "search", "--text", suspect.substring(suspect.length() / 3), "--index", index.toString());
        assertThat(search.get("signature_version").asInt()).isEqualTo(1);
        assertThat(search.get("query_sha256").asText()).hasSize(64);
        assertThat(search.at("/generations/0/request_id").asText()).isEqualTo("req-7");
        assertThat(search.at("/generations/0/org").asText()).isEqualTo("org-odd");
        assertThat(search.at("/generations/0/time").asText()).isEqualTo("2026-11-01T00:07:00Z");

        Path dataset = dir.resolve("suspect.jsonl");
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String text = i < 10 ? served.get(2 * i).text().toUpperCase() : completion(random);
            jsonl.append(new ObjectMapper().writeValueAsString(java.util.Map.of("text", text))).append('\n');
        }
        Files.writeString(dataset, jsonl);
        JsonNode attribution = cli("provenance", "attribute", "--input", dataset.toString(), "--index", index.toString());
        assertThat(attribution.get("records").asInt()).isEqualTo(40);
        assertThat(attribution.get("top_organization").asText()).isEqualTo("org-even");
        assertThat(attribution.at("/organizations/0/matched_records").asInt()).isEqualTo(10);
        assertThat(attribution.at("/organizations/0/share").asDouble()).isEqualTo(0.25);
        assertThat(attribution.at("/organizations/0/first_seen").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(attribution.at("/organizations/0/evidence/0/request_id").asText()).startsWith("req-");
        assertThat(attribution.get("unattributed_records").asInt()).isEqualTo(30);
        assertThat(attribution.get("query_sha256").asText()).hasSize(64);
        assertThat(attribution.get("organizations")).hasSize(1);
    }
}
