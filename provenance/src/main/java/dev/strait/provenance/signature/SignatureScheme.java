package dev.strait.provenance.signature;

import java.util.Arrays;
import java.util.List;

/**
 * Signature scheme version 1: words from {@link Normalizer}, 4-word k-grams hashed to 64 bits.
 *
 * <ul>
 *   <li><b>Window fingerprints</b> (partial matches): the top 32 bits of each k-gram hash; a stored
 *       signature keeps, of the k-grams that lie inside one sentence, the
 *       {@code clamp(grams / 8, 32, 48)} numerically smallest. Selecting by
 *       hash value rather than by position makes the choice a property of the k-gram itself: a
 *       passage cut from anywhere inside the completion, reordered or mixed with other text still
 *       contains the kept k-grams of its words, and a query looks up all its k-grams. A 10% word
 *       edit destroys a k-gram with probability 1 - 0.9^4 = 34%, so a half-length passage keeps
 *       about 0.5 × 0.66 of the fingerprints: 10 of 32 at the least. Four words rather than five:
 *       11% more survive such edits, and the phrases four words share across unrelated texts
 *       are caught by the index's boilerplate rule (a fingerprint several organizations posted).
 *   <li><b>MinHash</b> (whole-text resemblance): one-permutation hashing of the k-gram set into 64
 *       bins of 16 bits, 128 bytes, stored on disk and read only to score results.
 * </ul>
 *
 * <p>The scheme is pure and thread-safe.
 */
public final class SignatureScheme {

    public static final int VERSION = 1;
    /** Words per k-gram. */
    public static final int K = 4;
    public static final int BINS = 64;
    public static final short EMPTY_BIN = (short) 0xFFFF;
    static final int MIN_KEPT = 32;
    static final int MAX_KEPT = 48;
    static final int KEEP_ONE_IN = 8;

    /** The signature to store for a completion. */
    public Signature sign(String text) {
        Grams grams = grams(text);
        // Stored fingerprints come from k-grams inside one sentence, so that reordering the
        // sentences of a copy keeps them all; queries look up every k-gram, across boundaries too.
        long[] candidates = new long[grams.count];
        int n = 0;
        for (int i = 0; i < grams.count; i++) {
            if (grams.withinSentence[i]) {
                candidates[n++] = (grams.hashes[i] >>> 32);
            }
        }
        if (n == 0) {
            for (int i = 0; i < grams.count; i++) {
                candidates[n++] = grams.hashes[i] >>> 32;
            }
        }
        Arrays.sort(candidates, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || candidates[distinct - 1] != candidates[i]) {
                candidates[distinct++] = candidates[i];
            }
        }
        int keep = Math.min(distinct, Math.clamp(distinct / KEEP_ONE_IN, MIN_KEPT, MAX_KEPT));
        int[] kept = new int[keep];
        for (int i = 0; i < keep; i++) {
            kept[i] = (int) candidates[i];
        }
        Arrays.sort(kept);
        return new Signature(VERSION, kept, grams.minHash, grams.words);
    }

    /** Every distinct fingerprint of a text with its first position, for queries. */
    public Probe probe(String text) {
        Grams grams = grams(text);
        long[] keyed = new long[grams.count];
        for (int i = 0; i < grams.count; i++) {
            keyed[i] = ((grams.hashes[i] >>> 32) << 32) | i;
        }
        // Sorting (fingerprint, position) pairs groups repeats; the first of each group has the lowest position.
        Arrays.sort(keyed);
        int[] fps = new int[grams.count];
        int[] positions = new int[grams.count];
        int n = 0;
        for (long k : keyed) {
            int fp = (int) (k >>> 32);
            if (n == 0 || fps[n - 1] != fp) {
                fps[n] = fp;
                positions[n] = (int) k;
                n++;
            }
        }
        return new Probe(Arrays.copyOf(fps, n), Arrays.copyOf(positions, n), grams.minHash, grams.words);
    }

    /** The k-gram hashes of a text in word order, whether each lies inside one sentence, and the MinHash. */
    private record Grams(long[] hashes, boolean[] withinSentence, int count, short[] minHash, int words) {}

    private static Grams grams(String text) {
        Normalizer.Tokens tokens = Normalizer.tokens(text);
        List<String> words = tokens.words();
        long[] hashes = new long[words.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = Hashing.word(words.get(i));
        }
        int k = Math.min(K, hashes.length);
        // A text shorter than one k-gram is one gram of all its words.
        int count = hashes.length == 0 ? 0 : hashes.length - k + 1;
        long[] grams = new long[count];
        boolean[] within = new boolean[count];
        short[] minHash = new short[BINS];
        Arrays.fill(minHash, EMPTY_BIN);
        for (int i = 0; i < count; i++) {
            long h = Hashing.gram(hashes, i, k);
            grams[i] = h;
            int nextStart = tokens.sentenceStarts().nextSetBit(i + 1);
            within[i] = nextStart < 0 || nextStart >= i + k;
            long m = Hashing.mix(h ^ 0x5DEECE66DL);
            int bin = (int) (m >>> 58);
            short value = (short) Math.min(m & 0xFFFF, 0xFFFE);
            if (minHash[bin] == EMPTY_BIN || Short.toUnsignedInt(value) < Short.toUnsignedInt(minHash[bin])) {
                minHash[bin] = value;
            }
        }
        return new Grams(grams, within, count, minHash, hashes.length);
    }
}
