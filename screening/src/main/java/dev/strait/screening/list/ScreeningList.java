package dev.strait.screening.list;

import java.util.List;

/** A loaded list: its version and its entries, immutable. */
public record ScreeningList(ListVersion version, List<ListEntry> entries) {

    public ScreeningList {
        entries = List.copyOf(entries);
    }
}
