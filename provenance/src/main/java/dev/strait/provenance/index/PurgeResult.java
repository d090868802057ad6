package dev.strait.provenance.index;

/**
 * What a retention purge or an organization's deletion removed, for the audit log.
 *
 * @param removed generations whose signatures were deleted from memory and disk
 * @param segmentsRewritten segment files rewritten (or deleted) without them
 * @param remaining generations still indexed
 */
public record PurgeResult(String reason, long removed, int segmentsRewritten, long remaining) {}
