package dev.strait.provenance.signature;

/**
 * A text as a query sees it: every distinct window fingerprint (not only the selected few a
 * {@link Signature} keeps) with where it starts, so that any fingerprint a stored completion kept
 * is found if its words survive in the text.
 *
 * @param fingerprints distinct k-gram fingerprints
 * @param positions for each fingerprint, the index of the first word of its first occurrence
 * @param minHash the text's MinHash, as in {@link Signature#minHash()}
 * @param words how many words the normalised text had
 */
public record Probe(int[] fingerprints, int[] positions, short[] minHash, int words) {

    public Signature asSignature(int version) {
        return new Signature(version, fingerprints, minHash, words);
    }
}
