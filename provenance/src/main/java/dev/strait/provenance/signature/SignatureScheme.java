package dev.strait.provenance.signature;

import java.util.Arrays;
import java.util.List;

/**
 * Signature scheme version 1: words from {@link Normalizer}, 5-word k-grams hashed to 64 bits.
 *
 * <ul>
 *   <li><b>Window fingerprints</b> (partial matches): the top 32 bits of each k-gram hash; a stored
 *       signature keeps the {@code clamp(grams / 8, 24, 48)} numerically smallest. Selecting by
 *       hash value rather than by position makes the choice a property of the k-gram itself: a
 *       passage cut from anywhere inside the completion, reordered or mixed with other text still
 *       contains the kept k-grams of its words, and a query looks up all its k-grams. A 10% word
 *       edit destroys a k-gram with probability 1 - 0.9^5 = 41%, so a half-length passage keeps
 *       about 0.5 × 0.59 of the fingerprints: 7 of 24 at the least.
 *   <li><b>MinHash</b> (whole-text resemblance): one-permutation hashing of the k-gram set into 64
 *       bins of 16 bits, 128 bytes, stored on disk and read only to score results.
 * </ul>
 *
 * <p>The scheme is pure and thread-safe.
 */
public final class SignatureScheme {

    public static final int VERSION = 1;
    /** Words per k-gram. */
    public static final int K = 5;
    public static final int BINS = 64;
    public static final short EMPTY_BIN = (short) 0xFFFF;
    static final int MIN_KEPT = 24;
    static final int MAX_KEPT = 48;
    static final int KEEP_ONE_IN = 8;

    /** The signature to store for a completion. */
    public Signature sign(String text) {
        Probe probe = probe(text);
        int[] all = probe.fingerprints();
        int keep = Math.min(all.length, Math.clamp(all.length / KEEP_ONE_IN, MIN_KEPT, MAX_KEPT));
        long[] unsigned = new long[all.length];
        for (int i = 0; i < all.length; i++) {
            unsigned[i] = all[i] & 0xFFFFFFFFL;
        }
        Arrays.sort(unsigned);
        int[] kept = new int[keep];
        for (int i = 0; i < keep; i++) {
            kept[i] = (int) unsigned[i];
        }
        Arrays.sort(kept);
        return new Signature(VERSION, kept, probe.minHash(), probe.words());
    }

    /** Every distinct fingerprint of a text with its first position, for queries. */
    public Probe probe(String text) {
        List<String> words = Normalizer.words(text);
        long[] hashes = new long[words.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = Hashing.word(words.get(i));
        }
        int grams = Math.max(0, hashes.length - K + 1);
        if (grams == 0 && hashes.length > 0) {
            // A text shorter than one k-gram is one gram of all its words.
            grams = 1;
        }
        short[] minHash = new short[BINS];
        Arrays.fill(minHash, EMPTY_BIN);
        long[] keyed = new long[grams];
        for (int i = 0; i < grams; i++) {
            long h = Hashing.gram(hashes, i, Math.min(K, hashes.length));
            keyed[i] = ((h >>> 32) << 32) | i;
            long m = Hashing.mix(h ^ 0x5DEECE66DL);
            int bin = (int) (m >>> 58);
            short value = (short) Math.min(m & 0xFFFF, 0xFFFE);
            if (minHash[bin] == EMPTY_BIN || Short.toUnsignedInt(value) < Short.toUnsignedInt(minHash[bin])) {
                minHash[bin] = value;
            }
        }
        // Sorting (fingerprint, position) pairs groups repeats; the first of each group has the lowest position.
        Arrays.sort(keyed);
        int[] fps = new int[grams];
        int[] positions = new int[grams];
        int n = 0;
        for (int i = 0; i < grams; i++) {
            int fp = (int) (keyed[i] >>> 32);
            if (n == 0 || fps[n - 1] != fp) {
                fps[n] = fp;
                positions[n] = (int) keyed[i];
                n++;
            }
        }
        return new Probe(Arrays.copyOf(fps, n), Arrays.copyOf(positions, n), minHash, words.size());
    }
}
