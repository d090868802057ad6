package dev.strait.emulator;

import dev.strait.core.sse.SseEvent;
import dev.strait.core.sse.SseParser;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real HTTP against a started emulator: java.net.http for well-formed exchanges, a raw socket for broken ones. */
final class TestClient {

    static final String OPENAI_KEY = "Bearer sk-test";

    private final Emulator emulator;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    TestClient(Emulator emulator) {
        this.emulator = emulator;
    }

    HttpResponse<String> post(String path, JsonObject body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body.encode())), headers);
    }

    HttpResponse<String> postRaw(String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    HttpResponse<String> put(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    HttpResponse<String> openAi(String path, JsonObject body) {
        return post(path, body, "authorization", OPENAI_KEY, "content-type", "application/json");
    }

    HttpResponse<String> anthropic(JsonObject body) {
        return post("/v1/messages", body, "x-api-key", "sk-ant-test", "anthropic-version", "2023-06-01",
                "content-type", "application/json");
    }

    static List<SseEvent> events(String body) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(body.getBytes(StandardCharsets.UTF_8));
        parser.finish();
        return events;
    }

    /**
     * Sends a request over a plain socket and reads whatever comes back until the server closes the
     * connection (or {@code maxBytes} arrived, then closes it from this side).
     */
    byte[] raw(String path, JsonObject body, String authHeader, int maxBytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(10_000);
            byte[] payload = body.encode().getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + authHeader + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while (received.size() < maxBytes && (n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
            return received.toByteArray();
        }
    }

    private URI uri(String path) {
        return URI.create(emulator.baseUrl() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
