package dev.strait.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.app.config.ConfigException;
import dev.strait.app.config.ConfigLoader;
import dev.strait.app.config.StraitConfig;
import dev.strait.screening.Hit;
import dev.strait.screening.ScreeningConfig;
import dev.strait.screening.ScreeningQuery;
import dev.strait.screening.ScreeningResult;
import dev.strait.screening.ScreeningService;
import dev.strait.screening.list.ListLoadException;
import dev.strait.screening.list.ListVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strait screen}: screens names against the denied-party lists in a directory and prints JSON,
 * the decision and the hits with list, entry, score and explanation. Runs locally: no node needed.
 */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = "Screen a name (or a JSONL file of names) against denied-party lists: OFAC SDN, the "
                + "Consolidated Screening List (BIS Entity List …), the BIS Denied Persons List and an operator blocklist.")
public final class ScreenCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--name", description = "The name to screen") String name;
    @Option(names = "--country", description = "ISO country code (or English name) of the party") String country;
    @Option(names = "--address", description = "Postal address of the party") String address;
    @Option(names = "--id", description = "Registration, tax or passport number (repeatable)") List<String> ids;
    @Option(names = "--input", description = "A JSONL file of {\"name\": …, \"country\": …, \"address\": …, \"identifiers\": […]}; "
            + "prints one result per line") Path input;
    @Option(names = "--lists", description = "Directory of list files (default: screening.lists of the configuration)") Path lists;
    @Option(names = "--config", description = "Configuration file whose screening section names the lists and thresholds") Path config;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        if ((name == null) == (input == null)) {
            System.err.println("strait screen: give either --name NAME or --input FILE");
            return 2;
        }
        StraitConfig.ScreeningSettings settings;
        try {
            settings = settings();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Path directory = lists != null ? lists : settings.lists();
        if (directory == null) {
            System.err.println("strait screen: no screening lists configured; pass --lists DIR or set screening.lists "
                    + "in the configuration given with --config");
            return 2;
        }
        ScreeningService service;
        try {
            service = ScreeningService.open(directory, settings.thresholds(), Clock.systemUTC());
        } catch (ListLoadException e) {
            System.err.println("strait screen: " + e.getMessage());
            return 2;
        }
        if (service.snapshot().lists().lists().isEmpty()) {
            System.err.println("strait screen: no list files recognised in " + directory
                    + (service.snapshot().lists().skipped().isEmpty() ? "" : " (skipped: "
                            + String.join("; ", service.snapshot().lists().skipped()) + ")"));
            return 2;
        }
        if (name != null) {
            ScreeningResult result = service.screen(new ScreeningQuery(name, country, address, ids));
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(render(result)));
            return 0;
        }
        return screenFile(service, out);
    }

    private int screenFile(ScreeningService service, PrintStream out) throws IOException {
        int failures = 0;
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(line);
                    List<String> identifiers = new ArrayList<>();
                    node.path("identifiers").forEach(n -> identifiers.add(n.asText()));
                    ScreeningQuery query = new ScreeningQuery(node.path("name").asText(""), text(node, "country"),
                            text(node, "address"), identifiers);
                    out.println(JSON.writeValueAsString(render(service.screen(query))));
                } catch (IOException | IllegalArgumentException e) {
                    failures++;
                    ObjectNode error = JSON.createObjectNode();
                    error.put("line", lineNumber);
                    error.put("error", e instanceof IOException ? "not a JSON object: " + e.getMessage().lines().findFirst().orElse("")
                            : e.getMessage());
                    out.println(JSON.writeValueAsString(error));
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private StraitConfig.ScreeningSettings settings() {
        if (config == null) {
            return StraitConfig.ScreeningSettings.NONE;
        }
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.putIfAbsent("STRAIT_EMULATOR_URL", "http://127.0.0.1:1");
        variables.putIfAbsent("STRAIT_EMULATOR_KEY", "strait-emulator-key");
        return new ConfigLoader(variables).load(config).screening();
    }

    /** The result as JSON (snake_case, dates as ISO text): decision, hits, the list versions screened against. */
    public static ObjectNode render(ScreeningResult result) {
        ObjectNode out = JSON.createObjectNode();
        out.set("query", JSON.valueToTree(result.query()));
        out.put("decision", result.decision().id());
        out.put("top_score", result.topScore());
        ArrayNode hits = out.putArray("hits");
        for (Hit hit : result.hits()) {
            ObjectNode h = hits.addObject();
            h.put("list", hit.list());
            h.put("source", hit.source());
            h.put("entry_id", hit.entryId());
            h.put("entry", hit.entryName());
            if (hit.entryType() != null) {
                h.put("entry_type", hit.entryType());
            }
            h.put("matched_name", hit.matchedName());
            h.put("matched_via", hit.matchedVia());
            h.put("score", hit.score());
            h.put("name_score", hit.nameScore());
            h.set("matched_tokens", JSON.valueToTree(hit.matchedTokens()));
            if (hit.transliteration() != null) {
                h.put("transliteration", hit.transliteration());
            }
            h.set("evidence", JSON.valueToTree(hit.evidence()));
            h.put("explanation", hit.explanation());
        }
        out.put("block_at", result.blockAt());
        out.put("review_at", result.reviewAt());
        ArrayNode versions = out.putArray("lists");
        for (ListVersion v : result.lists()) {
            ObjectNode l = versions.addObject();
            l.put("name", v.name());
            l.put("kind", v.kind().name().toLowerCase(java.util.Locale.ROOT));
            l.put("sha256", v.sha256());
            l.put("as_of", v.asOf().toString());
            l.put("entries", v.entries());
        }
        out.put("screened_at", result.screenedAt().toString());
        return out;
    }
}
