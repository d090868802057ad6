package dev.strait.screening;

import dev.strait.screening.list.ListEntry;
import dev.strait.screening.list.ListSet;
import dev.strait.screening.list.ListVersion;
import dev.strait.screening.list.ScreeningList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a reload changed, list by list and entry by entry: what a re-screening of customers needs to know.
 *
 * @param changed whether any list was added, removed or has other content
 */
public record ReloadReport(Instant at, boolean changed, List<ListChange> lists, List<String> skipped) {

    public ReloadReport {
        lists = List.copyOf(lists);
        skipped = List.copyOf(skipped);
    }

    public enum Status { ADDED, REMOVED, CHANGED, UNCHANGED }

    /**
     * One list's change. Entry ids: {@code added} are new, {@code removed} gone, {@code modified} kept
     * their id but not their content (names, aliases, countries, addresses, identifiers).
     */
    public record ListChange(String name, Status status, ListVersion before, ListVersion after, List<String> added,
            List<String> removed, List<String> modified) {

        public ListChange {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            modified = List.copyOf(modified);
        }
    }

    static ReloadReport between(ListSet before, ListSet after) {
        Map<String, ScreeningList> old = byName(before);
        Map<String, ScreeningList> now = byName(after);
        List<ListChange> changes = new ArrayList<>();
        boolean changed = false;
        for (String name : new TreeSet<>(union(old.keySet(), now.keySet()))) {
            ScreeningList a = old.get(name);
            ScreeningList b = now.get(name);
            Map<String, ListEntry> ea = entries(a);
            Map<String, ListEntry> eb = entries(b);
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> modified = new ArrayList<>();
            eb.forEach((id, entry) -> {
                ListEntry previous = ea.get(id);
                if (previous == null) {
                    added.add(id);
                } else if (!previous.equals(entry)) {
                    modified.add(id);
                }
            });
            ea.keySet().stream().filter(id -> !eb.containsKey(id)).forEach(removed::add);
            Status status = a == null ? Status.ADDED : b == null ? Status.REMOVED
                    : a.version().sha256().equals(b.version().sha256()) ? Status.UNCHANGED : Status.CHANGED;
            changed |= status != Status.UNCHANGED;
            changes.add(new ListChange(name, status, a == null ? null : a.version(), b == null ? null : b.version(),
                    added, removed, modified));
        }
        return new ReloadReport(after.loadedAt(), changed, changes, after.skipped());
    }

    private static Map<String, ScreeningList> byName(ListSet set) {
        Map<String, ScreeningList> out = new LinkedHashMap<>();
        if (set != null) {
            set.lists().forEach(l -> out.put(l.version().name(), l));
        }
        return out;
    }

    private static Map<String, ListEntry> entries(ScreeningList list) {
        Map<String, ListEntry> out = new LinkedHashMap<>();
        if (list != null) {
            list.entries().forEach(e -> out.putIfAbsent(e.id(), e));
        }
        return out;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
