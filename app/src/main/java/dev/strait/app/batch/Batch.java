package dev.strait.app.batch;

/**
 * A batch as stored: who submitted it (the key its lines are sent as), what it runs and where it stands.
 * Times are epoch seconds, null until reached.
 *
 * @param errors the validation errors of a failed batch (OpenAI's {@code errors.data} array as JSON), or null
 * @param metadata the caller's metadata object as JSON, or null
 */
public record Batch(String id, String orgId, String keyId, String endpoint, String inputFileId,
        String completionWindow, String status, long createdAt, Long inProgressAt, Long finalizingAt,
        Long completedAt, Long failedAt, Long cancellingAt, Long cancelledAt, long expiresAt, String outputFileId,
        String errorFileId, int total, String errors, String metadata) {

    /** Still to be run (or finished) by a runner: what a restart resumes. */
    public boolean open() {
        return status.equals("validating") || status.equals("in_progress") || status.equals("finalizing")
                || status.equals("cancelling");
    }
}
