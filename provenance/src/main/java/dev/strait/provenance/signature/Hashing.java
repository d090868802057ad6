package dev.strait.provenance.signature;

/**
 * The hash functions of the signature scheme. They are part of the scheme's version: changing any
 * constant here changes every fingerprint, so it needs a new {@link SignatureScheme#VERSION}.
 */
final class Hashing {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Hashing() {}

    /** A 64-bit hash of one word (FNV-1a over UTF-16 units, then a finaliser for avalanche). */
    static long word(String word) {
        long h = FNV_OFFSET;
        for (int i = 0; i < word.length(); i++) {
            h ^= word.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    /** A 64-bit hash of {@code k} consecutive word hashes starting at {@code from}; order matters. */
    static long gram(long[] words, int from, int k) {
        long h = GOLDEN;
        for (int i = from; i < from + k; i++) {
            h = (h * 31 + words[i]) * GOLDEN;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finaliser. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
