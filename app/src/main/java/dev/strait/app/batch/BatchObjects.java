package dev.strait.app.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** OpenAI's file and batch objects. */
final class BatchObjects {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchObjects() {}

    static ObjectNode file(FileStore.FileRecord f) {
        ObjectNode o = JSON.objectNode().put("id", f.id()).put("object", "file").put("bytes", f.bytes())
                .put("created_at", f.createdAt()).put("filename", f.filename()).put("purpose", f.purpose())
                .put("status", "processed");
        o.putNull("status_details");
        o.putNull("expires_at");
        return o;
    }

    static ObjectNode batch(Batch b, int[] counts) {
        ObjectNode o = JSON.objectNode().put("id", b.id()).put("object", "batch").put("endpoint", b.endpoint());
        if (b.errors() == null) {
            o.putNull("errors");
        } else {
            o.putObject("errors").put("object", "list").set("data", parse(b.errors()));
        }
        o.put("input_file_id", b.inputFileId()).put("completion_window", b.completionWindow())
                .put("status", b.status());
        text(o, "output_file_id", b.outputFileId());
        text(o, "error_file_id", b.errorFileId());
        o.put("created_at", b.createdAt());
        time(o, "in_progress_at", b.inProgressAt());
        o.put("expires_at", b.expiresAt());
        time(o, "finalizing_at", b.finalizingAt());
        time(o, "completed_at", b.completedAt());
        time(o, "failed_at", b.failedAt());
        o.putNull("expired_at");
        time(o, "cancelling_at", b.cancellingAt());
        time(o, "cancelled_at", b.cancelledAt());
        o.putObject("request_counts").put("total", b.total()).put("completed", counts[0]).put("failed", counts[1]);
        o.set("metadata", b.metadata() == null ? JSON.nullNode() : parse(b.metadata()));
        return o;
    }

    private static void text(ObjectNode o, String field, String value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }

    private static void time(ObjectNode o, String field, Long value) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
