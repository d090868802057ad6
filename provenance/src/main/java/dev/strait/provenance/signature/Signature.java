package dev.strait.provenance.signature;

/**
 * What is kept of one completion: hashes only, from which the text cannot be recovered.
 *
 * @param version the {@link SignatureScheme#VERSION} that computed it; signatures of different
 *     versions are never compared
 * @param fingerprints the selected window fingerprints (32-bit hashes of word k-grams), ascending
 * @param minHash one-permutation MinHash of the k-gram set, {@link SignatureScheme#BINS} 16-bit
 *     values, {@link SignatureScheme#EMPTY_BIN} where no k-gram fell in the bin
 * @param words how many words the normalised text had
 */
public record Signature(int version, int[] fingerprints, short[] minHash, int words) {

    /** Whole-text resemblance (Jaccard) estimated from the two MinHashes, 0 to 1. */
    public double resemblance(short[] other) {
        int same = 0;
        int used = 0;
        for (int i = 0; i < minHash.length && i < other.length; i++) {
            boolean a = minHash[i] != SignatureScheme.EMPTY_BIN;
            boolean b = other[i] != SignatureScheme.EMPTY_BIN;
            if (a || b) {
                used++;
                if (minHash[i] == other[i]) {
                    same++;
                }
            }
        }
        return used == 0 ? 0 : (double) same / used;
    }
}
