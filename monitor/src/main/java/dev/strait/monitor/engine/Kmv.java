package dev.strait.monitor.engine;

import java.util.Arrays;

/** K-minimum-values sketch: estimates how many distinct fingerprints were seen, in fixed memory. */
final class Kmv {
    private final long[] mins;
    private int size;

    Kmv(int k) {
        mins = new long[k];
    }

    void add(long hash) {
        long h = hash >>> 1; // non-negative
        if (size == mins.length && h >= mins[size - 1]) {
            return;
        }
        int pos = Arrays.binarySearch(mins, 0, size, h);
        if (pos >= 0) {
            return;
        }
        pos = -pos - 1;
        int move = Math.min(size, mins.length - 1) - pos;
        if (move > 0) {
            System.arraycopy(mins, pos, mins, pos + 1, move);
        }
        mins[pos] = h;
        size = Math.min(size + 1, mins.length);
    }

    void addAll(Kmv other) {
        for (int i = 0; i < other.size; i++) {
            add(other.mins[i] << 1);
        }
    }

    double estimate() {
        if (size < mins.length) {
            return size;
        }
        return (mins.length - 1) / ((double) mins[size - 1] / Long.MAX_VALUE);
    }

    void clear() {
        size = 0;
    }
}
