package dev.strait.store.monitor;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One organization in the review queue: what the monitoring engine saw (risk, verdict, evidence as
 * JSON), what it did on its own ({@code action}: none, throttle or suspend), and what a reviewer
 * decided (status approved or dismissed, with who, when and why).
 */
public record MonitorCase(String id, String orgId, Instant openedAt, Instant updatedAt, BigDecimal risk, String verdict,
        String tier, String evidence, String action, String status, String reviewer, String note, Instant decidedAt) {

    public boolean open() {
        return status.equals("open");
    }
}
