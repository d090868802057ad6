package dev.strait.monitor.features;

import java.util.Arrays;

/**
 * A small open-addressing map from long to int without boxing, for lexicons on hot loops. Keys must be
 * well-mixed hashes already: the slot is taken from their bits directly.
 */
final class LongIntMap {
    private long[] keys;
    private int[] values;
    private boolean[] used;
    private int size;
    /**
     * One bit per value of a key's top 16 bits, set for every key put: nearly every word looked up
     * is in no lexicon, and this answers most of them without a probe.
     */
    private final long[] present = new long[1 << 10];

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2) - 1) << 1;
        keys = new long[cap];
        values = new int[cap];
        used = new boolean[cap];
    }

    int get(long key, int missing) {
        if ((present[(int) (key >>> 54)] & (1L << (key >>> 48))) == 0) {
            return missing;
        }
        int mask = keys.length - 1;
        for (int i = (int) (key ^ key >>> 32) & mask; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return missing;
    }

    void put(long key, int value) {
        present[(int) (key >>> 54)] |= 1L << (key >>> 48);
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = (int) (key ^ key >>> 32) & mask;
        while (used[i] && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (!used[i]) {
            used[i] = true;
            keys[i] = key;
            size++;
        }
        values[i] = value;
    }

    private void grow() {
        long[] k = keys;
        int[] v = values;
        boolean[] u = used;
        keys = new long[k.length * 2];
        values = new int[k.length * 2];
        used = new boolean[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                put(k[i], v[i]);
            }
        }
    }

    @Override
    public String toString() {
        return "LongIntMap" + Arrays.toString(Arrays.copyOf(keys, Math.min(4, keys.length))) + "…";
    }
}
