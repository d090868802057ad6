package dev.strait.provenance.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PostingRunsTest {

    @Test
    void smallBatchesAcrossManyRunsFindExactlyThePostingsAdded() {
        PostingRuns postings = new PostingRuns();
        TreeMap<Integer, List<Integer>> expected = new TreeMap<>();
        Random random = new Random(5);
        int generation = 0;
        // enough small batches (as the live path sends them) for many runs and merges of runs
        while (postings.postings() < 5L * PostingRuns.TAIL_MAX + 123) {
            int gens = 1 + random.nextInt(4);
            long[] batch = new long[gens * 8];
            int n = 0;
            for (int g = 0; g < gens; g++, generation++) {
                for (int f = 0; f < 8; f++) {
                    int fingerprint = random.nextInt(5_000) - 2_500;
                    batch[n++] = PostingRuns.key(fingerprint, generation);
                    expected.computeIfAbsent(fingerprint, k -> new ArrayList<>()).add(generation);
                }
            }
            postings.add(batch, n, id -> false);
        }

        for (int fingerprint : new int[] {-2_500, -1, 0, 17, 2_499, expected.firstKey(), expected.lastKey()}) {
            IntList found = new IntList();
            postings.collect(fingerprint, found);
            List<Integer> actual = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                actual.add(found.get(i));
            }
            assertThat(actual).as("fingerprint %d", fingerprint)
                    .containsExactlyInAnyOrderElementsOf(expected.getOrDefault(fingerprint, List.of()));
        }
    }
}
