package dev.strait.app.cli;

import dev.strait.provenance.dataset.DatasetFormat;
import dev.strait.provenance.dataset.DatasetReader;
import dev.strait.provenance.index.Attribution;
import dev.strait.provenance.index.MatchRules;
import dev.strait.provenance.index.ProvenanceIndex;
import dev.strait.provenance.index.SearchHit;
import dev.strait.provenance.report.EvidenceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strait provenance …}: which customers generated a text or a dataset. Reads the index
 * directory directly (read-only, so it can run beside a gateway that is writing it) and prints
 * JSON fit to be evidence.
 */
@Command(name = "provenance", mixinStandardHelpOptions = true,
        description = "Trace text back to the organizations that generated it.",
        subcommands = {ProvenanceCommand.Search.class, ProvenanceCommand.Attribute.class})
public final class ProvenanceCommand {

    static final String DEFAULT_INDEX = "strait-data/provenance";

    static ProvenanceIndex open(Path index) throws Exception {
        if (!Files.isDirectory(index)) {
            throw new java.io.FileNotFoundException("no provenance index at " + index);
        }
        return ProvenanceIndex.openReadOnly(index, MatchRules.DEFAULT);
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "The generations a text was drawn from, with request ids, times and scores.")
    static final class Search implements Callable<Integer> {
        @Option(names = "--text", required = true, description = "The suspect text") String text;
        @Option(names = "--index", defaultValue = DEFAULT_INDEX, description = "Index directory (default: ${DEFAULT-VALUE})") Path index;
        @Option(names = "--limit", defaultValue = "20", description = "Most generations to list") int limit;

        @Override
        public Integer call() throws Exception {
            try (ProvenanceIndex provenance = open(index)) {
                List<SearchHit> hits = provenance.search(text, limit);
                EvidenceJson json = new EvidenceJson(Clock.systemUTC());
                System.out.println(json.pretty(json.search(text, hits, provenance.stats().generations(), MatchRules.DEFAULT)));
                return 0;
            }
        }
    }

    @Command(name = "attribute", mixinStandardHelpOptions = true,
            description = "Per organization: records of a dataset it generated, share, first and last seen, confidence. "
                    + "JSONL (text/content/completion/output field or assistant messages), CSV (a text column) "
                    + "or plain text (one record per paragraph).")
    static final class Attribute implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "The suspect dataset") Path input;
        @Option(names = "--format", description = "jsonl, csv or text (default: by file extension)") String format;
        @Option(names = "--index", defaultValue = DEFAULT_INDEX, description = "Index directory (default: ${DEFAULT-VALUE})") Path index;

        @Override
        public Integer call() throws Exception {
            List<String> records = new DatasetReader().read(input,
                    format == null ? DatasetFormat.of(input) : DatasetFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT)));
            String hash = EvidenceJson.sha256(Files.readAllBytes(input));
            try (ProvenanceIndex provenance = open(index)) {
                Attribution attribution = provenance.attribute(records);
                EvidenceJson json = new EvidenceJson(Clock.systemUTC());
                System.out.println(json.pretty(json.attribution(input.getFileName().toString(), hash, attribution)));
                return 0;
            }
        }
    }
}
