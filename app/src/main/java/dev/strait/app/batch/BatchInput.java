package dev.strait.app.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A batch input file (JSON lines of {@code custom_id}, {@code method}, {@code url}, {@code body}),
 * read and checked as OpenAI checks it: a file with any bad line fails the whole batch, with each
 * problem named by line number in the batch's {@code errors}.
 */
public final class BatchInput {

    /** One request of the batch; {@code lineNo} counts from 1, as the errors do. */
    public record Request(int lineNo, String customId, String url, ObjectNode body) {}

    /** The requests, or the problems (then the batch fails without running anything). */
    public record Parsed(List<Request> requests, ArrayNode errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public static final int MAX_REQUESTS = 50_000;
    public static final Set<String> ENDPOINTS = Set.of("/v1/chat/completions", "/v1/embeddings", "/v1/responses",
            "/v1/completions");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchInput() {}

    public static Parsed parse(byte[] content, String endpoint) {
        List<Request> requests = new ArrayList<>();
        ArrayNode errors = JsonNodeFactory.instance.arrayNode();
        Set<String> seen = new HashSet<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n");
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String text = raw.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (errors.size() >= 100) {
                break;
            }
            JsonNode line;
            try {
                line = MAPPER.readTree(text);
            } catch (Exception e) {
                error(errors, "invalid_json_line", "This line is not parseable as valid JSON.", null, lineNo);
                continue;
            }
            if (!line.isObject()) {
                error(errors, "invalid_json_line", "Each line must be a JSON object.", null, lineNo);
                continue;
            }
            String customId = line.path("custom_id").isTextual() ? line.path("custom_id").asText() : null;
            if (customId == null || customId.isEmpty()) {
                error(errors, "missing_required_parameter", "'custom_id' is required: a non-empty string.",
                        "custom_id", lineNo);
                continue;
            }
            if (!seen.add(customId)) {
                error(errors, "duplicate_custom_id", "The custom_id '" + customId
                        + "' appears more than once; each request needs its own.", "custom_id", lineNo);
                continue;
            }
            if (!"POST".equals(line.path("method").asText())) {
                error(errors, "invalid_method", "'method' must be POST.", "method", lineNo);
                continue;
            }
            if (!endpoint.equals(line.path("url").asText())) {
                error(errors, "mismatched_endpoint", "The url '" + line.path("url").asText()
                        + "' does not match the batch's endpoint " + endpoint + ".", "url", lineNo);
                continue;
            }
            if (!(line.path("body") instanceof ObjectNode body)) {
                error(errors, "missing_required_parameter", "'body' is required: the request as a JSON object.",
                        "body", lineNo);
                continue;
            }
            if (body.path("stream").asBoolean(false)) {
                error(errors, "invalid_value", "Batch requests cannot stream.", "body.stream", lineNo);
                continue;
            }
            requests.add(new Request(lineNo, customId, endpoint, body));
        }
        if (requests.isEmpty() && errors.isEmpty()) {
            error(errors, "empty_file", "The input file holds no requests.", null, null);
        }
        if (requests.size() > MAX_REQUESTS) {
            error(errors, "too_many_requests", "A batch may hold at most " + MAX_REQUESTS + " requests.", null, null);
        }
        return new Parsed(requests, errors);
    }

    private static void error(ArrayNode errors, String code, String message, String param, Integer line) {
        ObjectNode e = errors.addObject().put("object", "error").put("code", code).put("message", message);
        if (param == null) {
            e.putNull("param");
        } else {
            e.put("param", param);
        }
        if (line == null) {
            e.putNull("line");
        } else {
            e.put("line", line);
        }
    }
}
