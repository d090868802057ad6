package dev.strait.monitor.engine;

/** Space-Saving heavy hitters over 64-bit fingerprints: the most frequent few, in fixed memory. */
final class TopK {
    final long[] keys;
    final long[] counts;
    long total;

    TopK(int k) {
        keys = new long[k];
        counts = new long[k];
    }

    void add(long key, long count) {
        total += count;
        int min = 0;
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] > 0 && keys[i] == key) {
                counts[i] += count;
                return;
            }
            if (counts[i] < counts[min]) {
                min = i;
            }
        }
        keys[min] = key;
        counts[min] += count;
    }

    void addAll(TopK other) {
        for (int i = 0; i < other.keys.length; i++) {
            if (other.counts[i] > 0) {
                add(other.keys[i], other.counts[i]);
            }
        }
    }

    long top() {
        long m = 0;
        for (long c : counts) {
            m = Math.max(m, c);
        }
        return m;
    }

    long count(long key) {
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] > 0 && keys[i] == key) {
                return counts[i];
            }
        }
        return 0;
    }

    void clear() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
    }
}
