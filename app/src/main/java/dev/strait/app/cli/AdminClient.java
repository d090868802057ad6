package dev.strait.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How the CLI reaches a running node's admin API. A picocli mixin shared by the admin commands. */
public final class AdminClient {

    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--admin-url", description = "Admin listener (default: $STRAIT_ADMIN_URL or http://127.0.0.1:8081)")
    String url;

    @Option(names = "--admin-token", description = "Admin token (default: $STRAIT_ADMIN_TOKEN or <data-dir>/admin-token)")
    String token;

    @Option(names = "--data-dir", defaultValue = "strait-data", description = "Where an embedded node keeps its admin token")
    Path dataDir;

    /** An answer from the admin API. */
    record Answer(int status, JsonNode body, String text) {
        Answer(int status, JsonNode body) {
            this(status, body, null);
        }

        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** A GET whose answer may be CSV: kept as text, and parsed too when it is JSON. */
    Answer getText(String path, String... query) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, query)).GET();
        request.header("authorization", "Bearer " + token()).timeout(Duration.ofSeconds(30));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        boolean json = response.headers().firstValue("content-type").orElse("").startsWith("application/json");
        return new Answer(response.statusCode(), json ? JSON.readTree(response.body()) : JSON.createObjectNode(),
                response.body());
    }

    Answer get(String path, String... query) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    Answer post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())));
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("authorization", "Bearer " + token()).header("x-strait-actor", "cli:" + System.getProperty("user.name"))
                .timeout(Duration.ofSeconds(30));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), body);
    }

    private URI uri(String path, String... query) {
        StringBuilder out = new StringBuilder(baseUrl()).append(path);
        char separator = '?';
        for (int i = 0; i + 1 < query.length; i += 2) {
            if (query[i + 1] == null) {
                continue;
            }
            out.append(separator).append(query[i]).append('=').append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(out.toString());
    }

    private String baseUrl() {
        String base = url != null ? url : System.getenv().getOrDefault("STRAIT_ADMIN_URL", "http://127.0.0.1:8081");
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private String token() throws IOException {
        if (token != null) {
            return token;
        }
        String env = System.getenv("STRAIT_ADMIN_TOKEN");
        if (env != null) {
            return env;
        }
        Path file = dataDir.resolve("admin-token");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        throw new IOException("no admin token: pass --admin-token, set STRAIT_ADMIN_TOKEN, or run where " + file + " exists");
    }

    /** Prints an answer: its JSON when it succeeded, its error message when not. Returns the exit code. */
    static int print(Answer answer) throws IOException {
        if (answer.ok()) {
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer.body()));
            return 0;
        }
        System.err.println("strait: " + answer.status() + " " + answer.body().path("error").path("message").asText(
                answer.body().toString()));
        return 1;
    }
}
