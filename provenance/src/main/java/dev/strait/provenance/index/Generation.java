package dev.strait.provenance.index;

import dev.strait.provenance.signature.Signature;
import java.time.Instant;

/** A stored completion: who generated it, when, and its signature. No text. */
public record Generation(String org, String keyId, String requestId, String model, String market, Instant time,
        Signature signature) {}
