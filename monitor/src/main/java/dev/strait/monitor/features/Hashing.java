package dev.strait.monitor.features;

/** 64-bit hashing of words and word sequences, computed while scanning text, without allocating. */
public final class Hashing {
    private Hashing() {
    }

    public static final long SEED = 0x9E3779B97F4A7C15L;

    /** Murmur3's finalizer: spreads the bits of a hash. */
    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Extends a word hash by one character (FNV-1a step). */
    public static long step(long h, char c) {
        return (h ^ c) * 0x100000001b3L;
    }

    public static final long WORD_START = 0xcbf29ce484222325L;

    /** The hash of a whole word, as {@link #step} would compute it. */
    public static long word(CharSequence w) {
        long h = WORD_START;
        for (int i = 0; i < w.length(); i++) {
            h = step(h, w.charAt(i));
        }
        return mix(h);
    }

    /** The hash of a sequence of words from their hashes. */
    public static long pair(long a, long b) {
        return mix(a * 31 + b + SEED);
    }

    /** A stable hash of a whole string (for fingerprints of system prompts, user agents, models). */
    public static long string(String s) {
        long h = WORD_START;
        for (int i = 0; i < s.length(); i++) {
            h = step(h, s.charAt(i));
        }
        return mix(h ^ s.length());
    }
}
