package dev.strait.provenance.index;

import java.time.Instant;
import java.util.Objects;

/**
 * One served completion, as the gateway hands it to {@link ProvenanceIndex#offer}. The text is
 * only held until the writer has signed it; it is never written anywhere.
 *
 * @param market the market code of the organization, which decides retention
 */
public record Completion(String org, String keyId, String requestId, String model, String market, Instant time,
        String text) {

    public Completion {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(text, "text");
        keyId = keyId == null ? "" : keyId;
        requestId = requestId == null ? "" : requestId;
        model = model == null ? "" : model;
        market = market == null ? "" : market;
    }
}
