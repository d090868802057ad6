package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import dev.strait.emulator.Faults;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and batches through the official openai-java SDK against a whole node: upload, create,
 * poll, download; each line metered at the batch price; a restart in the middle of a batch
 * resumes it with no line lost or run twice.
 */
class BatchLifecycleTest {

    @TempDir
    Path dir;

    /** The built-in policy, except that US customers' content may be stored (files, batches, responses). */
    private void storingPolicy() throws IOException {
        Files.createDirectories(dir);
        try (var in = Node.class.getResourceAsStream("/strait-policy-default.yaml")) {
            String policy = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("storage: {content: metadata, retention_days: 90}", "storage: {content: full, retention_days: 90}");
            Files.writeString(dir.resolve("policy.yaml"), policy);
        }
    }

    private Map<String, String> keys(Node node) throws Exception {
        Map<String, String> byMarket = new HashMap<>();
        for (JsonNode entry : Node.read(Files.readString(DemoSeed.ensure(node.strait.store(), dir)))) {
            if (entry.get("kind").asText().equals("enterprise") && entry.get("state").asText().equals("verified")) {
                byMarket.put(entry.get("market").asText(), entry.get("key").asText());
            }
        }
        // New keys are in force once the node's access snapshot refreshed (within a second).
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (node.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.baseUrl() + "/v1/models"))
                .header("authorization", "Bearer " + byMarket.get("US"))).statusCode() == 401
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return byMarket;
    }

    private static OpenAIClient sdk(Node node, String key) {
        return OpenAIOkHttpClient.builder().baseUrl(node.baseUrl() + "/v1").apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    private Path jsonl(String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static String chatLine(String customId, String model) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"" + model + "\",\"max_tokens\":30,\"messages\":[{\"role\":\"user\",\"content\":\"Line "
                + customId + ": name a river.\"}]}}";
    }

    private static BatchCreateParams batchOf(String fileId) {
        return BatchCreateParams.builder().inputFileId(fileId).endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H).build();
    }

    private static Batch await(OpenAIClient client, String id, Predicate<Batch> until) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Batch batch = client.batches().retrieve(id);
        while (!until.test(batch) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            batch = client.batches().retrieve(id);
        }
        return batch;
    }

    private static List<JsonNode> download(OpenAIClient client, String fileId) throws IOException {
        try (var response = client.files().content(fileId)) {
            String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            List<JsonNode> lines = new ArrayList<>();
            text.lines().filter(l -> !l.isBlank()).forEach(l -> lines.add(Node.read(l)));
            return lines;
        }
    }

    /** The ledger's rows for a batch's lines: request id → {input, output, cost}, once they are written. */
    private static Map<String, Object[]> ledger(Node node, String batchId, int expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Map<String, Object[]> rows = new HashMap<>();
        while (System.nanoTime() < deadline) {
            rows.clear();
            try (Connection c = node.strait.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                    "select request_id, input_tokens, output_tokens, cost from usage_ledger where request_id like ?")) {
                s.setString(1, batchId + "-%");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4)});
                    }
                }
            }
            if (rows.size() >= expected) {
                break;
            }
            Thread.sleep(100);
        }
        return rows;
    }

    private static BigDecimal livePrice(long input, long output) {
        return new BigDecimal("2.50").multiply(BigDecimal.valueOf(input))
                .add(new BigDecimal("10.00").multiply(BigDecimal.valueOf(output)))
                .divide(BigDecimal.valueOf(1_000_000));
    }

    @Test
    void runsAWholeBatchThroughTheSdkAndMetersEachLineAtTheBatchPrice() throws Exception {
        storingPolicy();
        try (Node node = new Node(dir)) {
            OpenAIClient client = sdk(node, keys(node).get("US"));
            FileObject input = client.files().create(FileCreateParams.builder().purpose(FilePurpose.BATCH)
                    .file(jsonl("input.jsonl", List.of(chatLine("a", "gpt-4o"), chatLine("b", "no-such-model"),
                            chatLine("c", "gpt-4o"), chatLine("d", "claude-sonnet-4-5")))).build());
            assertThat(input.id()).startsWith("file-");
            assertThat(input.filename()).isEqualTo("input.jsonl");
            assertThat(client.files().retrieve(input.id()).bytes()).isEqualTo(Files.size(dir.resolve("input.jsonl")));

            Batch created = client.batches().create(batchOf(input.id()));
            assertThat(created.id()).startsWith("batch_");
            Batch done = await(client, created.id(), b -> b.status() == Batch.Status.COMPLETED);

            assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
            assertThat(done.requestCounts().get().total()).isEqualTo(4);
            assertThat(done.requestCounts().get().completed()).isEqualTo(3);
            assertThat(done.requestCounts().get().failed()).isEqualTo(1);
            List<JsonNode> output = download(client, done.outputFileId().get());
            assertThat(output).extracting(l -> l.get("custom_id").asText()).containsExactly("a", "c", "d");
            for (JsonNode line : output) {
                assertThat(line.path("response").path("status_code").asInt()).isEqualTo(200);
                assertThat(line.path("response").path("body").path("choices").path(0).path("message")
                        .path("content").asText()).isNotBlank();
                assertThat(line.path("id").asText()).startsWith("batch_req_");
                assertThat(line.get("error").isNull()).isTrue();
            }
            List<JsonNode> errors = download(client, done.errorFileId().get());
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().path("custom_id").asText()).isEqualTo("b");
            assertThat(errors.getFirst().path("response").path("status_code").asInt()).isEqualTo(404);
            assertThat(errors.getFirst().path("response").path("body").path("error").path("code").asText())
                    .isEqualTo("model_not_found");

            // Each served line has one usage record, under its own request id, at half the live price.
            Map<String, Object[]> rows = ledger(node, created.id(), 3);
            assertThat(rows).hasSize(3);
            for (JsonNode line : output) {
                Object[] row = rows.get(line.path("response").path("request_id").asText());
                assertThat(row).isNotNull();
                JsonNode usage = line.path("response").path("body").path("usage");
                long in = usage.path("prompt_tokens").asLong();
                long out = usage.path("completion_tokens").asLong();
                assertThat(row[0]).isEqualTo(in);
                assertThat(row[1]).isEqualTo(out);
                if (line.path("custom_id").asText().equals("a")) {
                    assertThat((BigDecimal) row[2]).isEqualByComparingTo(livePrice(in, out).multiply(new BigDecimal("0.5")));
                }
            }
            assertThat(client.batches().list().data()).extracting(Batch::id).contains(created.id());
        }
    }

    @Test
    void badInputGetsClearErrorsInOpenAisFormat() throws Exception {
        storingPolicy();
        try (Node node = new Node(dir)) {
            Map<String, String> keys = keys(node);
            OpenAIClient client = sdk(node, keys.get("US"));
            assertThatThrownBy(() -> client.files().create(FileCreateParams.builder().purpose(FilePurpose.FINE_TUNE)
                    .file(jsonl("tune.jsonl", List.of(chatLine("a", "gpt-4o")))).build()))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> {
                        assertThat(e.code()).contains("invalid_purpose");
                        assertThat(e.param()).contains("purpose");
                    });

            FileObject bad = client.files().create(FileCreateParams.builder().purpose(FilePurpose.BATCH)
                    .file(jsonl("bad.jsonl", List.of(chatLine("a", "gpt-4o"), "{not json", chatLine("a", "gpt-4o"))))
                    .build());
            Batch failed = client.batches().create(batchOf(bad.id()));
            assertThat(failed.status()).isEqualTo(Batch.Status.FAILED);
            assertThat(failed.errors().get().data().get()).hasSize(2);
            assertThat(failed.errors().get().data().get().get(0).code()).contains("invalid_json_line");
            assertThat(failed.errors().get().data().get().get(0).line()).contains(2L);
            assertThat(failed.errors().get().data().get().get(1).code()).contains("duplicate_custom_id");

            assertThatThrownBy(() -> client.batches().create(batchOf("file-missing")))
                    .isInstanceOf(NotFoundException.class);
            // Another organization's file does not exist for it.
            OpenAIClient cn = sdk(node, keys.get("CN"));
            assertThatThrownBy(() -> cn.files().retrieve(bad.id())).isInstanceOfAny(NotFoundException.class,
                    BadRequestException.class);
            // Markets whose content policy forbids storing content can neither upload nor store responses.
            assertThatThrownBy(() -> cn.files().create(FileCreateParams.builder().purpose(FilePurpose.BATCH)
                    .file(jsonl("cn.jsonl", List.of(chatLine("a", "gpt-4o")))).build()))
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.code()).contains("storage_not_permitted"));
            assertThatThrownBy(() -> cn.responses().create(ResponseCreateParams.builder().model("gpt-4o")
                    .input("Hello").store(true).build()))
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.code()).contains("storage_not_permitted"));
        }
    }

    @Test
    void aRestartInTheMiddleOfABatchResumesItWithNoLineLostOrRunTwice() throws Exception {
        storingPolicy();
        int lines = 24;
        List<String> input = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            input.add(chatLine("line-" + i, "gpt-4o"));
        }
        String batchId;
        String key;
        try (Node node = new Node(dir)) {
            key = keys(node).get("US");
            node.emulator.faults(Faults.latency(Duration.ofMillis(250)));
            OpenAIClient client = sdk(node, key);
            FileObject file = client.files().create(FileCreateParams.builder().purpose(FilePurpose.BATCH)
                    .file(jsonl("input.jsonl", input)).build());
            batchId = client.batches().create(batchOf(file.id())).id();
            Batch partly = await(client, batchId, b -> b.requestCounts().get().completed() >= 6);
            assertThat(partly.status()).isEqualTo(Batch.Status.IN_PROGRESS);
            assertThat(partly.requestCounts().get().completed()).isLessThan(lines);
        }
        try (Node node = new Node(dir)) {
            OpenAIClient client = sdk(node, key);
            Batch done = await(client, batchId, b -> b.status() == Batch.Status.COMPLETED);
            assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
            assertThat(done.requestCounts().get().completed()).isEqualTo(lines);
            List<JsonNode> output = download(client, done.outputFileId().get());
            Set<String> customIds = new HashSet<>();
            output.forEach(l -> customIds.add(l.get("custom_id").asText()));
            assertThat(output).hasSize(lines);
            assertThat(customIds).hasSize(lines);
            assertThat(done.errorFileId()).isEmpty();

            // Metered once per line, whatever was re-sent; the batch's usage is the sum of its lines'.
            Map<String, Object[]> rows = ledger(node, batchId, lines);
            assertThat(rows).hasSize(lines);
            long ledgerTokens = rows.values().stream().mapToLong(r -> (long) r[0] + (long) r[1]).sum();
            long outputTokens = output.stream().mapToLong(l -> l.path("response").path("body").path("usage")
                    .path("total_tokens").asLong()).sum();
            assertThat(ledgerTokens).isEqualTo(outputTokens);
            BigDecimal cost = rows.values().stream().map(r -> (BigDecimal) r[2]).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal expected = output.stream().map(l -> l.path("response").path("body").path("usage"))
                    .map(u -> livePrice(u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add).multiply(new BigDecimal("0.5"));
            assertThat(cost).isEqualByComparingTo(expected);
        }
    }

    @Test
    void aCancelledBatchStopsAndKeepsWhatItFinished() throws Exception {
        storingPolicy();
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            input.add(chatLine("c-" + i, "gpt-4o"));
        }
        try (Node node = new Node(dir)) {
            OpenAIClient client = sdk(node, keys(node).get("US"));
            node.emulator.faults(Faults.latency(Duration.ofMillis(200)));
            FileObject file = client.files().create(FileCreateParams.builder().purpose(FilePurpose.BATCH)
                    .file(jsonl("input.jsonl", input)).build());
            String id = client.batches().create(batchOf(file.id())).id();
            await(client, id, b -> b.requestCounts().get().completed() >= 2);

            Batch cancelling = client.batches().cancel(id);
            assertThat(cancelling.status()).isIn(Batch.Status.CANCELLING, Batch.Status.CANCELLED);
            Batch cancelled = await(client, id, b -> b.status() == Batch.Status.CANCELLED);
            assertThat(cancelled.status()).isEqualTo(Batch.Status.CANCELLED);
            assertThat(cancelled.cancelledAt()).isPresent();
            long completed = cancelled.requestCounts().get().completed();
            assertThat(completed).isBetween(2L, 39L);
            assertThat(download(client, cancelled.outputFileId().get())).hasSize((int) completed);
        }
    }

    @Test
    void storedResponsesOutliveTheNodeThatServedThem() throws Exception {
        storingPolicy();
        String id;
        String key;
        try (Node node = new Node(dir)) {
            key = keys(node).get("US");
            Response first = sdk(node, key).responses().create(ResponseCreateParams.builder().model("gpt-4o")
                    .input("Name a river.").build());
            id = first.id();
        }
        try (Node node = new Node(dir)) {
            OpenAIClient client = sdk(node, key);
            assertThat(client.responses().retrieve(id).id()).isEqualTo(id);
            Response second = client.responses().create(ResponseCreateParams.builder().model("gpt-4o")
                    .input("Another?").previousResponseId(id).build());
            assertThat(second.previousResponseId()).contains(id);
        }
    }
}
