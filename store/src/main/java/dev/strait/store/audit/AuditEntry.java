package dev.strait.store.audit;

import java.time.Instant;

/**
 * One link of the audit chain. {@code hash} covers every other field and the previous entry's
 * hash, so an edit, a removal or a reordering breaks the chain where it happened.
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String subject, String detail,
        String prevHash, String hash) {}
