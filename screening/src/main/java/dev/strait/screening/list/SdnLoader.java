package dev.strait.screening.list;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OFAC's legacy CSV set: {@code SDN.CSV} (ent_num, name, type, programs, title, call_sign, vessel_type,
 * tonnage, grt, vessel_flag, vessel_owner, remarks; no header, {@code -0-} for empty), {@code ALT.CSV}
 * (ent_num, alt_num, alt_type, alt_name, remarks), {@code ADD.CSV} (ent_num, add_num, address,
 * city/state/postal, country, remarks) and {@code SDN_COMMENTS.CSV} (ent_num, remarks overflow).
 */
final class SdnLoader {

    private static final Pattern NATIONALITY = Pattern.compile("(?i)\\b(?:nationality|citizen)\\s+([A-Za-z ,]+?)\\s*(?:;|\\.|$)");

    private final Countries countries;

    SdnLoader(Countries countries) {
        this.countries = countries;
    }

    ScreeningList load(ListFile sdn, ListFile alt, ListFile add, ListFile comments) {
        Map<String, List<Alias>> aliases = new HashMap<>();
        if (alt != null) {
            for (List<String> row : Csv.parse(alt.text(), ',')) {
                String name = Csv.field(row, 3);
                if (!name.isEmpty()) {
                    String kind = Csv.field(row, 2).toLowerCase().replace(".", "");
                    aliases.computeIfAbsent(Csv.field(row, 0), k -> new ArrayList<>())
                            .add(new Alias(name, kind.isEmpty() ? "aka" : kind));
                }
            }
        }
        Map<String, List<String[]>> addresses = new HashMap<>();
        if (add != null) {
            for (List<String> row : Csv.parse(add.text(), ',')) {
                addresses.computeIfAbsent(Csv.field(row, 0), k -> new ArrayList<>())
                        .add(new String[] {Csv.field(row, 2), Csv.field(row, 3), Csv.field(row, 4)});
            }
        }
        Map<String, String> overflow = new HashMap<>();
        if (comments != null) {
            for (List<String> row : Csv.parse(comments.text(), ',')) {
                overflow.merge(Csv.field(row, 0), Csv.field(row, 1), String::concat);
            }
        }
        Map<String, ListEntry> entries = new LinkedHashMap<>();
        for (List<String> row : Csv.parse(sdn.text(), ',')) {
            String id = Csv.field(row, 0);
            String listed = Csv.field(row, 1);
            if (id.isEmpty() || listed.isEmpty()) {
                continue;
            }
            String remarks = Csv.field(row, 11) + overflow.getOrDefault(id, "");
            String type = Csv.field(row, 2).isEmpty() ? "entity" : Csv.field(row, 2).toLowerCase();
            List<Alias> all = new ArrayList<>(Clauses.splitName(listed).aliases());
            all.addAll(aliases.getOrDefault(id, List.of()));
            all.addAll(Clauses.remarkAliases(remarks));
            Set<String> codes = new LinkedHashSet<>();
            List<String> places = new ArrayList<>();
            for (String[] address : addresses.getOrDefault(id, List.of())) {
                countries.code(address[2]).ifPresent(codes::add);
                String joined = String.join(", ", List.of(address).stream().filter(s -> !s.isEmpty()).toList());
                if (!joined.isEmpty()) {
                    places.add(joined);
                }
            }
            Matcher nationality = NATIONALITY.matcher(remarks);
            while (nationality.find()) {
                countries.code(nationality.group(1)).ifPresent(codes::add);
            }
            String programs = String.join("; ", Csv.field(row, 3).replace("[", "").split("\\]\\s*"));
            entries.put(id, new ListEntry(id, "OFAC SDN " + programs, type, listed, all, codes, places,
                    Clauses.identifiers(remarks), programs));
        }
        List<ListFile> files = new ArrayList<>();
        for (ListFile f : new ListFile[] {sdn, alt, add, comments}) {
            if (f != null) {
                files.add(f);
            }
        }
        ListVersion version = new ListVersion(sdn.name(), ListKind.OFAC_SDN, ListFile.sha256(files), sdn.modified(),
                entries.size(), files.stream().map(ListFile::name).toList());
        return new ScreeningList(version, List.copyOf(entries.values()));
    }
}
