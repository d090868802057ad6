package dev.strait.core.access;

import java.time.Instant;
import java.util.List;

/**
 * A customer: a legal entity in a market.
 *
 * @param market the jurisdiction whose policy governs it (an ISO 3166 code or a bloc such as EU)
 */
public record Organization(
        String id,
        String legalName,
        String registrationNumber,
        String market,
        OrgKind kind,
        OrgState state,
        List<String> contacts,
        Instant createdAt) {

    public Organization {
        contacts = List.copyOf(contacts);
    }

    public Organization withState(OrgState next) {
        return new Organization(id, legalName, registrationNumber, market, kind, next, contacts, createdAt);
    }
}
