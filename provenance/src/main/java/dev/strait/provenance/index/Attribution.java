package dev.strait.provenance.index;

import java.util.List;

/**
 * Which organizations generated a dataset, most records first. A record drawn from generations of
 * two organizations (both were served the same text) counts for both.
 *
 * @param unattributedRecords records that matched no generation
 */
public record Attribution(int signatureVersion, int records, int unattributedRecords, MatchRules rules,
        long indexedGenerations, List<OrgAttribution> organizations) {

    public Attribution {
        organizations = List.copyOf(organizations);
    }

    /** The organization with the most matched records, or null when nothing matched. */
    public String top() {
        return organizations.isEmpty() ? null : organizations.get(0).org();
    }
}
