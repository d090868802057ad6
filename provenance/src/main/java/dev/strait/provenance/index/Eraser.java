package dev.strait.provenance.index;

import dev.strait.provenance.store.SegmentLog;
import java.io.IOException;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Deletes generations for good: marks them deleted in memory (queries stop seeing them at once),
 * then rewrites every segment file that holds one of them without it, so the hashes are gone from
 * disk too. A generation whose record is no longer on disk has location -1.
 */
final class Eraser {

    record Erased(long generations, int segments) {}

    private final GenerationTable table;
    private final SegmentLog log;

    Eraser(GenerationTable table, SegmentLog log) {
        this.table = table;
        this.log = log;
    }

    Erased erase(IntPredicate doomed) throws IOException {
        long removed = 0;
        for (int g = 0; g < table.size(); g++) {
            if (!table.deleted(g) && doomed.test(g)) {
                table.delete(g);
                removed++;
            }
        }
        // Per segment, its generations still on disk, in record order (generation numbers follow the log).
        TreeMap<Integer, int[]> bySegment = new TreeMap<>();
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        TreeMap<Integer, Boolean> dirty = new TreeMap<>();
        for (int g = 0; g < table.size(); g++) {
            long at = table.location(g);
            if (at < 0) {
                continue;
            }
            int segment = SegmentLog.segment(at);
            int count = counts.merge(segment, 1, Integer::sum);
            int[] gens = bySegment.computeIfAbsent(segment, s -> new int[64]);
            if (count > gens.length) {
                gens = Arrays.copyOf(gens, gens.length * 2);
                bySegment.put(segment, gens);
            }
            gens[count - 1] = g;
            if (table.deleted(g)) {
                dirty.put(segment, true);
            }
        }
        for (int segment : dirty.keySet()) {
            int[] gens = bySegment.get(segment);
            int count = counts.get(segment);
            int[] survivors = Arrays.stream(gens, 0, count).filter(g -> !table.deleted(g)).toArray();
            int[] dead = Arrays.stream(gens, 0, count).filter(table::deleted).toArray();
            long[] keep = new long[survivors.length];
            for (int i = 0; i < survivors.length; i++) {
                keep[i] = table.location(survivors[i]);
            }
            long[] moved = log.rewrite(segment, keep);
            for (int i = 0; i < survivors.length; i++) {
                table.relocate(survivors[i], moved[i]);
            }
            // Only after the rewrite succeeded: a failure leaves the dead ones on disk, marked for a retry.
            for (int g : dead) {
                table.relocate(g, -1);
            }
        }
        return new Erased(removed, dirty.size());
    }
}
