package dev.strait.store.screening;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One screening of an organization: {@code block} and {@code review} decisions stay {@code open}
 * until a reviewer resolves them as {@code cleared} (a false match) or {@code confirmed}.
 *
 * @param result the whole screening result as JSON: query, hits, explanations, list versions
 * @param trigger what asked for it: {@code onboarding}, {@code list_update}, {@code manual}
 */
public record Screening(String id, String orgId, Instant screenedAt, String trigger, String decision,
        BigDecimal topScore, String result, String status, String resolution, String reviewer, String reason,
        Instant resolvedAt) {

    /** Whether this screening still stands in the way of verification. */
    public boolean blocksVerification() {
        return status.equals("open") || "confirmed".equals(resolution);
    }
}
