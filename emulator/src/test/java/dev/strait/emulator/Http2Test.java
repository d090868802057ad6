package dev.strait.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A gateway may speak HTTP/2 (prior knowledge) upstream: streams, cuts and cancellations work per stream. */
class Http2Test extends EmulatorHarness {

    private HttpClient http2;

    @BeforeEach
    void connect() {
        http2 = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    }

    @AfterEach
    void disconnect() {
        http2.close().await();
    }

    private Future<io.vertx.core.http.HttpClientResponse> stream() {
        JsonObject body = new JsonObject().put("model", "gpt-4o").put("stream", true)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "over h2")));
        return http2.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(emulator.port())
                        .setURI("/v1/chat/completions").putHeader("authorization", TestClient.OPENAI_KEY))
                .compose(request -> request.send(body.encode()));
    }

    @Test
    void streamsOverHttp2ToTheEnd() throws Exception {
        // Ask for the body on the event loop, in the same chain: registered later from this thread,
        // the data could already have gone by.
        var versionAndBody = stream().compose(r -> r.body().map(b -> java.util.Map.entry(r.version(), b.toString())))
                .await(20, java.util.concurrent.TimeUnit.SECONDS);
        String text = versionAndBody.getValue();

        assertThat(versionAndBody.getKey()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(text).endsWith("data: [DONE]\n\n");
    }

    @Test
    void cutsOnlyTheStreamOverHttp2() {
        emulator.faults(Faults.cutAfter(2));

        Future<Buffer> body = stream().compose(r -> r.body());

        assertThat(body.toCompletionStage().toCompletableFuture()).failsWithin(Duration.ofSeconds(5));
        assertThat(emulator.stats().completedStreams()).isZero();
    }

    @Test
    void countsAnHttp2StreamTheClientResets() throws Exception {
        emulator.faults(Faults.slow(20));

        var response = stream().await();
        response.exceptionHandler(expected -> { }); // the reset we cause ourselves
        response.request().reset();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (emulator.stats().cancelledStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(emulator.stats().cancelledStreams()).isEqualTo(1);
    }
}
