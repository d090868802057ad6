package dev.strait.screening.list;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every list in a directory, read at one moment: an immutable snapshot. A reload reads the directory
 * again into a new one; nothing in a snapshot ever changes.
 *
 * <p>Files are recognised by name and header: {@code *sdn.csv} is an OFAC SDN file whose companions
 * are the files with the same prefix and {@code alt.csv}, {@code add.csv}, {@code sdn_comments.csv};
 * a CSV whose header starts {@code source,entity_number} or {@code _id,source} is a Consolidated
 * Screening List; a file whose header starts {@code Name<TAB>Street_Address} is the Denied Persons List;
 * a CSV with the header {@code name,aliases,country,reason} is an operator blocklist. Anything else is
 * skipped and reported.
 */
public record ListSet(Path directory, List<ScreeningList> lists, List<String> skipped, Instant loadedAt) {

    public ListSet {
        lists = List.copyOf(lists);
        skipped = List.copyOf(skipped);
    }

    public List<ListVersion> versions() {
        return lists.stream().map(ScreeningList::version).toList();
    }

    public int entryCount() {
        return lists.stream().mapToInt(l -> l.entries().size()).sum();
    }

    /** Reads every list in {@code directory}; a file that cannot be understood fails the whole load. */
    public static ListSet load(Path directory, Clock clock) {
        if (!Files.isDirectory(directory)) {
            throw new ListLoadException(directory + ": not a directory of screening lists");
        }
        Countries countries = new Countries();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ListLoadException(directory + ": cannot be listed: " + e.getMessage(), e);
        }
        List<ScreeningList> lists = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<Path> claimed = new HashSet<>();
        try {
            for (Path file : files) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith("sdn.csv")) {
                    String prefix = file.getFileName().toString().substring(0, name.length() - "sdn.csv".length());
                    ListFile alt = companion(directory, prefix, "alt.csv", claimed);
                    ListFile add = companion(directory, prefix, "add.csv", claimed);
                    ListFile comments = companion(directory, prefix, "sdn_comments.csv", claimed);
                    claimed.add(file);
                    lists.add(new SdnLoader(countries).load(ListFile.read(file), alt, add, comments));
                }
            }
            for (Path file : files) {
                if (claimed.contains(file)) {
                    continue;
                }
                ListFile read = ListFile.read(file);
                String first = firstLine(read.text());
                if (ConsolidatedLoader.recognises(first)) {
                    lists.add(new ConsolidatedLoader(countries).load(read));
                } else if (DeniedPersonsLoader.recognises(first)) {
                    lists.add(new DeniedPersonsLoader(countries).load(read));
                } else if (BlocklistLoader.recognises(first)) {
                    lists.add(new BlocklistLoader(countries).load(read));
                } else {
                    skipped.add(file.getFileName() + ": not a recognised list format");
                }
            }
        } catch (IOException e) {
            throw new ListLoadException(directory + ": " + e.getMessage(), e);
        }
        return new ListSet(directory, lists, skipped, clock.instant());
    }

    private static ListFile companion(Path directory, String prefix, String suffix, Set<Path> claimed) throws IOException {
        for (String candidate : List.of(prefix + suffix, prefix + suffix.toUpperCase(Locale.ROOT))) {
            Path path = directory.resolve(candidate);
            if (Files.isRegularFile(path)) {
                claimed.add(path);
                return ListFile.read(path);
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).replace("\r", "");
    }
}
