package dev.strait.screening.list;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trade.gov Consolidated Screening List CSV, in the 28-column export ({@code source,entity_number,…})
 * or the newer one with a leading {@code _id}. Columns are found by header name, so either works.
 * {@code alt_names} and {@code addresses} are {@code ;}-separated; each address ends with a country code.
 */
final class ConsolidatedLoader {

    private final Countries countries;

    ConsolidatedLoader(Countries countries) {
        this.countries = countries;
    }

    static boolean recognises(String firstLine) {
        String header = firstLine.replace("\"", "").replace("\uFEFF", "").trim();
        return header.startsWith("source,entity_number,") || header.startsWith("_id,source,entity_number,");
    }

    ScreeningList load(ListFile file) {
        List<List<String>> rows = Csv.parse(file.text(), ',');
        if (rows.isEmpty()) {
            throw new ListLoadException(file.name() + ": empty");
        }
        Map<String, Integer> column = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i).replace("\uFEFF", "").trim(), i);
        }
        for (String required : List.of("source", "name", "addresses", "alt_names")) {
            if (!column.containsKey(required)) {
                throw new ListLoadException(file.name() + ": no '" + required + "' column in the header");
            }
        }
        List<ListEntry> entries = new ArrayList<>();
        LocalDate newest = null;
        for (List<String> row : rows.subList(1, rows.size())) {
            String listed = get(row, column, "name");
            if (listed.isEmpty()) {
                continue;
            }
            String source = get(row, column, "source");
            String addressText = get(row, column, "addresses");
            String id = get(row, column, "entity_number");
            if (id.isEmpty()) {
                id = get(row, column, "_id");
            }
            if (id.isEmpty()) {
                id = "csl-" + ListFile.shortHash(source + "|" + listed + "|" + addressText);
            }
            Clauses.SplitName split = Clauses.splitName(listed);
            List<Alias> aliases = new ArrayList<>(split.aliases());
            String remarks = get(row, column, "remarks");
            for (String alt : Clauses.aliasList(get(row, column, "alt_names"))) {
                aliases.add(new Alias(alt, "alt"));
            }
            aliases.addAll(Clauses.remarkAliases(remarks));
            Set<String> codes = new LinkedHashSet<>();
            List<String> addresses = new ArrayList<>();
            for (String address : addressText.split(";")) {
                String trimmed = address.trim().replaceFirst("^and\\s+", "");
                if (trimmed.isEmpty()) {
                    continue;
                }
                addresses.add(trimmed);
                String[] parts = trimmed.split(",");
                countries.code(parts[parts.length - 1].trim()).ifPresent(codes::add);
            }
            for (String field : List.of("citizenships", "nationalities")) {
                for (String country : get(row, column, field).split("[;,]")) {
                    countries.code(country.trim()).ifPresent(codes::add);
                }
            }
            Set<String> identifiers = new LinkedHashSet<>(Clauses.identifiers(remarks));
            for (String item : get(row, column, "ids").split(";")) {
                String number = Clauses.normalizeIdentifier(item.split(",")[0]);
                if (number.length() >= 4 && number.chars().anyMatch(Character::isDigit)) {
                    identifiers.add(number);
                }
            }
            newest = later(newest, get(row, column, "start_date"));
            String type = get(row, column, "type").toLowerCase();
            entries.add(new ListEntry(id, source, type, listed, aliases, codes, addresses, identifiers,
                    get(row, column, "programs")));
        }
        ListVersion version = new ListVersion(file.name(), ListKind.CONSOLIDATED, ListFile.sha256(List.of(file)),
                newest != null ? newest : file.modified(), entries.size(), List.of(file.name()));
        return new ScreeningList(version, entries);
    }

    private static String get(List<String> row, Map<String, Integer> column, String name) {
        Integer index = column.get(name);
        return index == null ? "" : Csv.field(row, index);
    }

    private static LocalDate later(LocalDate newest, String text) {
        try {
            LocalDate date = LocalDate.parse(text.trim());
            return newest == null || date.isAfter(newest) ? date : newest;
        } catch (DateTimeParseException e) {
            return newest;
        }
    }
}
