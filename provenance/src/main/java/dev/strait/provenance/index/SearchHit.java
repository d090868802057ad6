package dev.strait.provenance.index;

import java.time.Instant;

/**
 * A stored generation that a searched text matched.
 *
 * @param hits word-disjoint fingerprints of the generation found in the text
 * @param kept fingerprints the generation's signature kept
 * @param containment matched / kept fingerprints (overlapping ones too): the share of the generation's kept fingerprints present,
 *     about 0.5 × 0.59 for a half-length passage with 10% of words edited, 1 for a verbatim copy
 * @param resemblance MinHash estimate of whole-text Jaccard similarity between the text and the
 *     generation (low for a passage cut from a longer text even when it is a certain match)
 */
public record SearchHit(String org, String keyId, String requestId, String model, String market, Instant time,
        int hits, int kept, double containment, double resemblance) {}
