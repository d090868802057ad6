package dev.strait.provenance.index;

import java.time.Instant;

/** One dataset record matched to one organization's generation: the evidence line. */
public record RecordMatch(int record, String requestId, String keyId, String model, Instant time, int hits,
        double containment) {}
