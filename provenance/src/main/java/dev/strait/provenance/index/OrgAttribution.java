package dev.strait.provenance.index;

import java.time.Instant;
import java.util.List;

/**
 * How much of a dataset one organization generated.
 *
 * @param matchedRecords records drawn from at least one of its generations
 * @param share {@code matchedRecords / records}
 * @param firstSeen the earliest generation matched, lastSeen the latest
 * @param confidence see {@link MatchRules#confidence}
 * @param evidence the matched records with the request each was drawn from (best match per record),
 *     at most {@link MatchRules#maxEvidence()}
 */
public record OrgAttribution(String org, int matchedRecords, double share, Instant firstSeen, Instant lastSeen,
        double confidence, List<RecordMatch> evidence) {

    public OrgAttribution {
        evidence = List.copyOf(evidence);
    }
}
