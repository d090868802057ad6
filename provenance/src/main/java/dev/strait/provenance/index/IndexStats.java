package dev.strait.provenance.index;

/**
 * The index's size and its ingest counters.
 *
 * @param memoryBytes the in-memory structures (generation columns and posting arrays, capacity)
 * @param dropped completions refused because the queue was full
 * @param failed completions lost to a write error
 */
public record IndexStats(int signatureVersion, long generations, int organizations, long postings, int runs,
        long memoryBytes, long diskBytes, long offered, long dropped, long failed, int queued) {}
