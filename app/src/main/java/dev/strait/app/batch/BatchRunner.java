package dev.strait.app.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.gateway.auth.InternalCaller;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Runs batches: every line is sent as a real request through this node's own listener, as the
 * key that created the batch, so policy, limits, budgets, metering, monitoring and provenance
 * treat it exactly like live traffic (the internal secret marks it for the batch price). Each
 * finished line is recorded in PostgreSQL before the next step depends on it; a restart resumes
 * the lines not recorded. A line whose answer was lost in a crash is sent again with the same
 * request id, so the ledger (idempotent by request id) meters it once.
 */
public final class BatchRunner implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 5;

    private final BatchStore batches;
    private final FileStore files;
    private final IntSupplier port;
    private final String secret;
    private final Clock clock;
    private final Semaphore permits;
    private final Consumer<String> warn;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /**
     * @param port the node's client listener, once it listens
     * @param concurrency how many batch lines this node sends at once, over all batches
     */
    public BatchRunner(BatchStore batches, FileStore files, IntSupplier port, String secret, Clock clock,
            int concurrency, Consumer<String> warn) {
        this.batches = batches;
        this.files = files;
        this.port = port;
        this.secret = secret;
        this.clock = clock;
        this.permits = new Semaphore(concurrency);
        this.warn = warn;
    }

    /**
     * Picks up every batch a previous run left open, now and every {@code every} after: a batch
     * whose replica died is taken over by another one.
     */
    public void resume(Duration every) throws SQLException {
        resumeOpen();
        threads.submit(() -> {
            while (!closing) {
                try {
                    Thread.sleep(every);
                    resumeOpen();
                } catch (InterruptedException e) {
                    return;
                } catch (SQLException e) {
                    warn.accept("open batches could not be listed: " + e.getMessage());
                }
            }
        });
    }

    private void resumeOpen() throws SQLException {
        for (Batch b : batches.open()) {
            submit(b.id());
        }
    }

    public void submit(String batchId) {
        if (closing) {
            return;
        }
        running.computeIfAbsent(batchId, id -> threads.submit(() -> {
            java.sql.Connection claim = null;
            try {
                // Replicas share the database: exactly one of them runs a given batch.
                claim = batches.claim(id);
                if (claim != null) {
                    run(id);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                if (!closing) {
                    warn.accept("batch " + id + " stopped: " + e);
                }
            } finally {
                if (claim != null) {
                    batches.release(claim, id);
                }
                running.remove(id);
            }
        }));
    }

    private void run(String id) throws Exception {
        Batch batch = batches.find(id);
        if (batch == null || !batch.open()) {
            return;
        }
        FileStore.FileRecord input = files.find(batch.orgId(), batch.inputFileId());
        BatchInput.Parsed parsed = BatchInput.parse(files.content(input), batch.endpoint());
        batches.started(id, parsed.requests().size(), now());
        Set<String> done = batches.doneCustomIds(id);
        List<Future<?>> sent = new ArrayList<>();
        int sinceCheck = 10; // look at the status before the first line too: it may be cancelling already
        for (BatchInput.Request request : parsed.requests()) {
            if (done.contains(request.customId())) {
                continue;
            }
            if (++sinceCheck >= 10) {
                sinceCheck = 0;
                if ("cancelling".equals(batches.find(id).status())) {
                    break;
                }
            }
            permits.acquire();
            if (closing) {
                permits.release();
                return;
            }
            sent.add(threads.submit(() -> {
                try {
                    send(batch, request);
                } finally {
                    permits.release();
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        if (closing) {
            return;
        }
        finish(batches.find(id));
    }

    /** Sends one line (retrying what is worth retrying) and records its outcome; a shutdown leaves it unrecorded. */
    private void send(Batch batch, BatchInput.Request request) throws Exception {
        String requestId = requestId(batch.id(), request.customId());
        HttpRequest http = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + request.url()))
                .timeout(Duration.ofMinutes(10))
                .header("content-type", "application/json")
                .header("x-request-id", requestId)
                .header(InternalCaller.SECRET_HEADER, secret)
                .header(InternalCaller.KEY_HEADER, batch.keyId())
                .POST(HttpRequest.BodyPublishers.ofString(request.body().toString()))
                .build();
        HttpResponse<String> response = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !closing; attempt++) {
            try {
                response = this.http.send(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (ConnectException e) {
                return; // the node is going down: the line stays unrecorded and runs after the restart
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                Thread.sleep(backoff(attempt, null));
                continue;
            }
            int status = response.statusCode();
            if (status != 429 && status != 502 && status != 503 || attempt == MAX_ATTEMPTS) {
                break;
            }
            Thread.sleep(backoff(attempt, response.headers().firstValue("retry-after").orElse(null)));
        }
        if (closing || response == null) {
            return;
        }
        batches.record(batch.id(), new BatchStore.Line(request.customId(), request.lineNo(),
                response.statusCode() / 100 == 2, outputLine(requestId, request.customId(), response)));
    }

    private void finish(Batch batch) throws Exception {
        boolean cancelled = batch.status().equals("cancelling");
        if (!cancelled) {
            batches.status(batch.id(), "finalizing", "finalizing_at", now());
        }
        List<BatchStore.Line> lines = batches.lines(batch.id());
        StringBuilder output = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        for (BatchStore.Line line : lines) {
            (line.ok() ? output : errors).append(line.result()).append('\n');
        }
        String suffix = batch.id().substring("batch_".length());
        String outputId = output.isEmpty() ? null : "file-" + suffix + "-output";
        String errorId = errors.isEmpty() ? null : "file-" + suffix + "-errors";
        if (outputId != null) {
            files.create(outputId, batch.orgId(), "batch_output", batch.id() + "_output.jsonl",
                    output.toString().getBytes(StandardCharsets.UTF_8), now());
        }
        if (errorId != null) {
            files.create(errorId, batch.orgId(), "batch_output", batch.id() + "_error.jsonl",
                    errors.toString().getBytes(StandardCharsets.UTF_8), now());
        }
        batches.finished(batch.id(), cancelled ? "cancelled" : "completed", cancelled ? "cancelled_at" : "completed_at",
                now(), outputId, errorId);
    }

    /** OpenAI's output line: the answer's status, the request id and body, or an error when there was no answer. */
    private static String outputLine(String requestId, String customId, HttpResponse<String> response) {
        ObjectNode line = JsonNodeFactory.instance.objectNode().put("id", "batch_req_" + requestId.substring(
                requestId.lastIndexOf('-') + 1)).put("custom_id", customId);
        ObjectNode answer = line.putObject("response").put("status_code", response.statusCode())
                .put("request_id", requestId);
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (IOException e) {
            body = JsonNodeFactory.instance.textNode(response.body());
        }
        answer.set("body", body);
        line.putNull("error");
        return line.toString();
    }

    /** Deterministic per line: a line sent twice (across a crash) carries the same id, and is metered once. */
    static String requestId(String batchId, String customId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(customId.getBytes(StandardCharsets.UTF_8));
            return batchId + "-" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long backoff(int attempt, String retryAfter) {
        if (retryAfter != null) {
            try {
                return Math.min(60_000, Long.parseLong(retryAfter.trim()) * 1000);
            } catch (NumberFormatException e) {
                // fall through to exponential backoff
            }
        }
        return Math.min(30_000, 250L << attempt);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /** Stops sending: lines in flight are abandoned unrecorded (they run again after a restart). */
    @Override
    public void close() {
        closing = true;
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
