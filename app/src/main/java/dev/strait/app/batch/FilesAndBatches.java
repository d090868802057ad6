package dev.strait.app.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.error.Failure;
import dev.strait.core.error.FailureException;
import dev.strait.core.policy.Storage;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import dev.strait.gateway.front.Endpoint;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

/**
 * {@code /v1/files} and {@code /v1/batches}, after authentication and admission: every database or
 * disk step runs on a worker thread, never on the event loop. Everything is scoped to the caller's
 * organization; another organization's file or batch answers 404, as if it did not exist.
 */
public final class FilesAndBatches implements Stage {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DAY = 24 * 3600;

    private final FileStore files;
    private final BatchStore batches;
    private final BatchRunner runner;
    private final Clock clock;
    private final RandomGenerator random;

    public FilesAndBatches(FileStore files, BatchStore batches, BatchRunner runner, Clock clock, RandomGenerator random) {
        this.files = files;
        this.batches = batches;
        this.runner = runner;
        this.clock = clock;
        this.random = random;
    }

    /** What a worker thread answers: a JSON body, or raw bytes (file content). */
    private record Answer(JsonNode json, byte[] raw) {}

    @Override
    public void handle(Exchange exchange, Chain chain) {
        if (exchange.endpoint() != Endpoint.FILES && exchange.endpoint() != Endpoint.BATCHES) {
            chain.proceed(exchange);
            return;
        }
        Callable<Answer> work = exchange.endpoint() == Endpoint.FILES ? files(exchange) : batches(exchange);
        Context context = Vertx.currentContext();
        context.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                chain.fail(exchange, result.cause() instanceof FailureException f ? f.failure()
                        : Failure.of(Failure.Kind.INTERNAL, "internal_error", "The request could not be completed."));
                return;
            }
            var response = exchange.request().response();
            Answer answer = result.result();
            if (answer.raw() != null) {
                response.putHeader("content-type", "application/octet-stream").end(Buffer.buffer(answer.raw()));
            } else {
                response.putHeader("content-type", "application/json").end(answer.json().toString());
            }
        });
    }

    private Callable<Answer> files(Exchange exchange) {
        String org = exchange.principal().org().id();
        String path = exchange.route().pathModel();
        if (exchange.request().method() == HttpMethod.POST) {
            requireStorage(exchange, "file");
            String contentType = exchange.request().getHeader("content-type");
            Buffer body = exchange.rawBody();
            return () -> {
                Multipart form = Multipart.parse(contentType, body == null ? new byte[0] : body.getBytes());
                if (form == null || form.file() == null) {
                    throw invalid("missing_file", "Upload the file as multipart/form-data with a 'file' part.", "file");
                }
                String purpose = form.fields().get("purpose");
                if (!"batch".equals(purpose)) {
                    throw invalid("invalid_purpose", "Invalid purpose '" + purpose
                            + "': this gateway accepts files with purpose 'batch'.", "purpose");
                }
                return json(BatchObjects.file(files.create(id("file-"), org, purpose, form.filename(), form.file(),
                        now())));
            };
        }
        if (path.isEmpty()) {
            return () -> {
                ArrayNode data = JSON.arrayNode();
                files.list(org, 10_000).forEach(f -> data.add(BatchObjects.file(f)));
                ObjectNode list = JSON.objectNode().put("object", "list");
                list.set("data", data);
                return json(list.put("has_more", false));
            };
        }
        boolean content = path.endsWith("/content");
        String id = content ? path.substring(0, path.length() - "/content".length()) : path;
        return () -> {
            FileStore.FileRecord file = files.find(org, id);
            if (file == null) {
                throw new FailureException(Failure.notFound("file_not_found", "No such File object: " + id));
            }
            return content ? new Answer(null, files.content(file)) : json(BatchObjects.file(file));
        };
    }

    private Callable<Answer> batches(Exchange exchange) {
        String org = exchange.principal().org().id();
        String path = exchange.route().pathModel();
        if (exchange.request().method() == HttpMethod.POST && path.isEmpty()) {
            requireStorage(exchange, "batch");
            ObjectNode body = exchange.body();
            String keyId = exchange.principal().key().id();
            return () -> json(create(org, keyId, body));
        }
        if (exchange.request().method() == HttpMethod.POST) {
            String id = path.substring(0, path.length() - "/cancel".length());
            return () -> {
                find(org, id);
                if (batches.cancel(id, now())) {
                    runner.submit(id); // finishes as cancelled, with what was done, if no runner holds it
                }
                return json(describe(find(org, id)));
            };
        }
        if (path.isEmpty()) {
            String after = exchange.request().getParam("after");
            int limit = Math.max(1, Math.min(100, parseInt(exchange.request().getParam("limit"), 20)));
            return () -> {
                List<Batch> page = batches.list(org, after, limit + 1);
                ArrayNode data = JSON.arrayNode();
                for (Batch b : page.subList(0, Math.min(limit, page.size()))) {
                    data.add(describe(b));
                }
                ObjectNode list = JSON.objectNode().put("object", "list");
                list.set("data", data);
                list.set("first_id", data.isEmpty() ? JSON.nullNode() : data.get(0).get("id"));
                list.set("last_id", data.isEmpty() ? JSON.nullNode() : data.get(data.size() - 1).get("id"));
                return json(list.put("has_more", page.size() > limit));
            };
        }
        return () -> json(describe(find(org, path)));
    }

    private ObjectNode create(String org, String keyId, ObjectNode body) throws Exception {
        String endpoint = body.path("endpoint").asText("");
        if (!BatchInput.ENDPOINTS.contains(endpoint)) {
            throw invalid("invalid_endpoint", "'endpoint' must be one of " + BatchInput.ENDPOINTS + ".", "endpoint");
        }
        if (!"24h".equals(body.path("completion_window").asText())) {
            throw invalid("invalid_completion_window", "'completion_window' must be '24h'.", "completion_window");
        }
        String inputFileId = body.path("input_file_id").asText("");
        FileStore.FileRecord input = files.find(org, inputFileId);
        if (input == null) {
            throw new FailureException(Failure.notFound("file_not_found", "No such File object: " + inputFileId));
        }
        if (!input.purpose().equals("batch")) {
            throw invalid("invalid_file_purpose", "File " + inputFileId + " has purpose '" + input.purpose()
                    + "'; a batch's input file must have purpose 'batch'.", "input_file_id");
        }
        BatchInput.Parsed parsed = BatchInput.parse(files.content(input), endpoint);
        long now = now();
        String metadata = body.path("metadata").isObject() ? body.get("metadata").toString() : null;
        boolean valid = parsed.valid();
        Batch batch = new Batch(id("batch_"), org, keyId, endpoint, inputFileId, "24h",
                valid ? "validating" : "failed", now, null, null, null, valid ? null : now, null, null, now + DAY,
                null, null, parsed.requests().size(), valid ? null : parsed.errors().toString(), metadata);
        batches.insert(batch);
        if (valid) {
            runner.submit(batch.id());
        }
        return describe(batch);
    }

    private Batch find(String org, String id) throws Exception {
        Batch batch = batches.find(org, id);
        if (batch == null) {
            throw new FailureException(Failure.notFound("batch_not_found", "No batch found with id '" + id + "'."));
        }
        return batch;
    }

    private ObjectNode describe(Batch batch) throws Exception {
        return BatchObjects.batch(batch, batches.counts(batch.id()));
    }

    private static void requireStorage(Exchange exchange, String what) {
        Storage storage = exchange.market() == null ? null : exchange.market().storage();
        if (storage == null || storage.level() != Storage.Level.FULL) {
            throw new FailureException(Failure.invalid("storage_not_permitted", "Organizations in market "
                    + exchange.principal().org().market() + " cannot upload files or run batches: its content "
                    + "policy does not permit storing content.", what.equals("file") ? "file" : "input_file_id"));
        }
    }

    private String id(String prefix) {
        HexFormat hex = HexFormat.of();
        return prefix + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static Answer json(JsonNode node) {
        return new Answer(node, null);
    }

    private static FailureException invalid(String code, String message, String param) {
        return new FailureException(Failure.invalid(code, message, param));
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
