package dev.strait.provenance.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The fingerprint → generation postings, 8 bytes each: a long {@code fingerprint << 32 | generation}
 * in sorted primitive arrays, so a lookup is a binary search and there is no object per posting.
 *
 * <p>New postings are merged into a sorted tail; a full tail becomes an immutable run, and runs of
 * similar size are merged (a log-structured merge), so there are O(log n) runs and each posting is
 * copied O(log n) times. Large runs carry a directory of the first index of each 16-bit key
 * prefix, which narrows the binary search to a few hundred entries. Deleted generations are
 * dropped when runs merge and by {@link #retain}.
 *
 * <p>Not thread-safe: {@link ProvenanceIndex} guards it with its lock.
 */
final class PostingRuns {

    static final int TAIL_MAX = 1 << 16;
    static final int MAX_RUN = 1 << 25;
    private static final int DIRECTORY_FROM = 1 << 18;

    private final List<Run> runs = new ArrayList<>();
    private long[] tail = new long[1024];
    private int tailSize;

    static long key(int fingerprint, int generation) {
        return ((long) fingerprint << 32) | (generation & 0xFFFFFFFFL);
    }

    /**
     * Adds postings (any order); {@code dead} says which generations merges may drop. The live path
     * adds a few generations at a time, so the tail is small and merged into in place from its end:
     * a batch costs at most {@value #TAIL_MAX} moves and no allocation.
     */
    void add(long[] batch, int n, IntPredicate dead) {
        Arrays.sort(batch, 0, n);
        if (tailSize + n > tail.length) {
            tail = Arrays.copyOf(tail, Math.max(tailSize + n, Math.min(2 * tail.length, TAIL_MAX + n)));
        }
        int i = tailSize - 1;
        int j = n - 1;
        for (int o = tailSize + n - 1; j >= 0; o--) {
            tail[o] = i >= 0 && tail[i] > batch[j] ? tail[i--] : batch[j--];
        }
        tailSize += n;
        if (tailSize >= TAIL_MAX) {
            runs.add(new Run(Arrays.copyOf(tail, tailSize)));
            tailSize = 0;
            compact(dead);
        }
    }

    private void compact(IntPredicate dead) {
        while (runs.size() >= 2) {
            Run last = runs.get(runs.size() - 1);
            Run previous = runs.get(runs.size() - 2);
            if (last.keys.length * 2L < previous.keys.length || last.keys.length + (long) previous.keys.length > MAX_RUN) {
                return;
            }
            long[] merged = new long[previous.keys.length + last.keys.length];
            int size = merge(previous.keys, previous.keys.length, last.keys, last.keys.length, merged, dead);
            runs.remove(runs.size() - 1);
            runs.set(runs.size() - 1, new Run(size == merged.length ? merged : Arrays.copyOf(merged, size)));
        }
    }

    private static int merge(long[] a, int an, long[] b, int bn, long[] out, IntPredicate dead) {
        int i = 0;
        int j = 0;
        int o = 0;
        while (i < an || j < bn) {
            long next = j >= bn || (i < an && a[i] <= b[j]) ? a[i++] : b[j++];
            if (!dead.test((int) next)) {
                out[o++] = next;
            }
        }
        return o;
    }

    /** Adds the generations posted under {@code fingerprint} to {@code out}. */
    void collect(int fingerprint, IntList out) {
        long low = key(fingerprint, 0);
        long high = key(fingerprint, -1);
        for (Run run : runs) {
            run.collect(low, high, out);
        }
        scan(tail, 0, tailSize, low, high, out);
    }

    private static void scan(long[] keys, int from, int to, long low, long high, IntList out) {
        int i = Arrays.binarySearch(keys, from, to, low);
        if (i < 0) {
            i = -i - 1;
        }
        for (; i < to && keys[i] <= high; i++) {
            out.add((int) keys[i]);
        }
    }

    /** Drops the postings of dead generations from every run and the tail. */
    void retain(IntPredicate dead) {
        for (int r = 0; r < runs.size(); r++) {
            long[] keys = runs.get(r).keys;
            int o = 0;
            for (long k : keys) {
                if (!dead.test((int) k)) {
                    keys[o++] = k;
                }
            }
            if (o < keys.length) {
                runs.set(r, new Run(Arrays.copyOf(keys, o)));
            }
        }
        runs.removeIf(run -> run.keys.length == 0);
        int o = 0;
        for (int i = 0; i < tailSize; i++) {
            if (!dead.test((int) tail[i])) {
                tail[o++] = tail[i];
            }
        }
        tailSize = o;
    }

    long postings() {
        long n = tailSize;
        for (Run run : runs) {
            n += run.keys.length;
        }
        return n;
    }

    long bytes() {
        long n = tail.length * 8L;
        for (Run run : runs) {
            n += run.keys.length * 8L + (run.directory == null ? 0 : run.directory.length * 4L);
        }
        return n;
    }

    int runs() {
        return runs.size();
    }

    private static final class Run {
        final long[] keys;
        /** For large runs, {@code directory[p]} is the first index whose key has 16-bit prefix ≥ p. */
        final int[] directory;

        Run(long[] keys) {
            this.keys = keys;
            this.directory = keys.length >= DIRECTORY_FROM ? directory(keys) : null;
        }

        private static int prefix(long key) {
            return (int) (key >>> 48) ^ 0x8000;
        }

        private static int[] directory(long[] keys) {
            int[] d = new int[(1 << 16) + 1];
            int i = 0;
            for (int p = 0; p <= 1 << 16; p++) {
                while (i < keys.length && prefix(keys[i]) < p) {
                    i++;
                }
                d[p] = i;
            }
            return d;
        }

        void collect(long low, long high, IntList out) {
            if (directory == null) {
                scan(keys, 0, keys.length, low, high, out);
            } else {
                int p = prefix(low);
                scan(keys, directory[p], directory[p + 1], low, high, out);
            }
        }
    }
}
