package dev.strait.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for what no SDK would send: raw bodies, wrong methods, broken JSON. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    static HttpResponse<String> post(String url, String body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    static HttpResponse<String> postBytes(String url, byte[] body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    static HttpResponse<String> get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    static HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        builder.timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Repeats {@code call} until its answer satisfies {@code done}, or the time is up (then the last answer). */
    public static HttpResponse<String> await(java.util.function.Supplier<HttpResponse<String>> call,
            java.util.function.Predicate<HttpResponse<String>> done, java.time.Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> last = call.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            last = call.get();
        }
        return last;
    }

    static String[] bearer() {
        return new String[] {"authorization", "Bearer " + GatewayHarness.KEY, "content-type", "application/json"};
    }

    static String[] anthropic() {
        return new String[] {"x-api-key", GatewayHarness.KEY, "anthropic-version", "2023-06-01", "content-type", "application/json"};
    }

    static String chatBody(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say something long.\"}],\"max_tokens\":30}";
    }

    static String messagesBody(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"max_tokens\":30,\"messages\":[{\"role\":\"user\",\"content\":\"Say something long.\"}]}";
    }
}
