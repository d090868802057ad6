package dev.strait.screening.list;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The BIS Denied Persons List: tab-separated, quoted, with a header {@code Name, Street_Address, City,
 * State, Country, Postal_Code, Effective_Date (MM/DD/YYYY), Expiration_Date, Standard_Order,
 * Last_Update, Action, FR_Citation}. Rows carry no id, so an entry's id hashes its name, address and
 * effective date. The list's date is the newest effective date ({@code Last_Update} has typos in the wild).
 */
final class DeniedPersonsLoader {

    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy");

    private final Countries countries;

    DeniedPersonsLoader(Countries countries) {
        this.countries = countries;
    }

    static boolean recognises(String firstLine) {
        String header = firstLine.replace("\"", "").replace("\uFEFF", "").trim();
        return header.startsWith("Name\tStreet_Address\t");
    }

    ScreeningList load(ListFile file) {
        List<List<String>> rows = Csv.parse(file.text(), '\t');
        if (rows.isEmpty()) {
            throw new ListLoadException(file.name() + ": empty");
        }
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < rows.get(0).size(); i++) {
            column.put(rows.get(0).get(i).replace("\uFEFF", "").trim(), i);
        }
        if (!column.containsKey("Name")) {
            throw new ListLoadException(file.name() + ": no 'Name' column in the header");
        }
        List<ListEntry> entries = new ArrayList<>();
        LocalDate newest = null;
        for (List<String> row : rows.subList(1, rows.size())) {
            String name = get(row, column, "Name");
            if (name.isEmpty()) {
                continue;
            }
            String street = get(row, column, "Street_Address");
            String city = get(row, column, "City");
            String state = get(row, column, "State");
            String country = get(row, column, "Country");
            String effective = get(row, column, "Effective_Date");
            Set<String> codes = new LinkedHashSet<>();
            countries.code(country).ifPresent(codes::add);
            if (codes.isEmpty() && state.matches("[A-Z]{2}")) {
                codes.add("US");
            }
            String address = String.join(", ", List.of(street, city, state, get(row, column, "Postal_Code"), country)
                    .stream().filter(s -> !s.isEmpty()).toList());
            Clauses.SplitName split = Clauses.splitName(name);
            String id = "dpl-" + ListFile.shortHash(name + "|" + street + "|" + effective);
            entries.add(new ListEntry(id, "Denied Persons List (DPL) - Bureau of Industry and Security", "",
                    name, split.aliases(), codes, address.isEmpty() ? List.of() : List.of(address), Set.of(),
                    get(row, column, "Action") + " " + get(row, column, "FR_Citation")));
            try {
                LocalDate date = LocalDate.parse(effective, US_DATE);
                newest = newest == null || date.isAfter(newest) ? date : newest;
            } catch (DateTimeParseException ignored) {
                // An undated row does not date the list.
            }
        }
        ListVersion version = new ListVersion(file.name(), ListKind.BIS_DPL, ListFile.sha256(List.of(file)),
                newest != null ? newest : file.modified(), entries.size(), List.of(file.name()));
        return new ScreeningList(version, entries);
    }

    private static String get(List<String> row, Map<String, Integer> column, String name) {
        Integer index = column.get(name);
        return index == null ? "" : Csv.field(row, index);
    }
}
