package dev.strait.screening.list;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The operator's own blocklist, a UTF-8 CSV with exactly this header:
 * <pre>
 * name,aliases,country,reason
 * "Example Trading Co., Ltd.","Example Trade; 例子贸易有限公司",CN,"chargeback fraud 2026-03"
 * </pre>
 * {@code aliases} is {@code ;}-separated, {@code country} an ISO code or an English country name (may be
 * empty), lines starting with {@code #} are comments. An entry's id is {@code op-} and a hash of its name,
 * so it survives reordering.
 */
final class BlocklistLoader {

    static final String HEADER = "name,aliases,country,reason";

    private final Countries countries;

    BlocklistLoader(Countries countries) {
        this.countries = countries;
    }

    static boolean recognises(String firstLine) {
        return firstLine.replace("\uFEFF", "").replace("\"", "").trim().toLowerCase(Locale.ROOT).equals(HEADER);
    }

    ScreeningList load(ListFile file) {
        List<ListEntry> entries = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        List<List<String>> rows = Csv.parse(file.text(), ',');
        for (int line = 1; line < rows.size(); line++) {
            List<String> row = rows.get(line);
            String name = Csv.field(row, 0);
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (row.size() > 4) {
                throw new ListLoadException(file.name() + ": row " + (line + 1) + " has " + row.size()
                        + " fields; expected " + HEADER + " (quote names that contain commas)");
            }
            List<Alias> aliases = new ArrayList<>(Clauses.splitName(name).aliases());
            for (String alias : Csv.field(row, 1).split(";")) {
                if (!alias.isBlank()) {
                    aliases.add(new Alias(alias.trim(), "aka"));
                }
            }
            String countryText = Csv.field(row, 2);
            int rowNumber = line + 1;
            Set<String> codes = new LinkedHashSet<>();
            if (!countryText.isEmpty()) {
                codes.add(countries.code(countryText).orElseThrow(() -> new ListLoadException(
                        file.name() + ": row " + rowNumber + ": unknown country '" + countryText + "'")));
            }
            String id = "op-" + ListFile.shortHash(name.toLowerCase(Locale.ROOT));
            if (!ids.add(id)) {
                throw new ListLoadException(file.name() + ": '" + name + "' is listed twice");
            }
            entries.add(new ListEntry(id, "Operator blocklist", "", name, aliases, codes, List.of(), Set.of(),
                    Csv.field(row, 3)));
        }
        ListVersion version = new ListVersion(file.name(), ListKind.OPERATOR_BLOCKLIST, ListFile.sha256(List.of(file)),
                file.modified(), entries.size(), List.of(file.name()));
        return new ScreeningList(version, entries);
    }
}
