package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.emulator.Faults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Chunks flow as they arrive, a caller who leaves stops the upstream, and a broken stream ends cleanly. */
class StreamingTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();

    @Test
    void theFirstChunkReachesTheCallerBeforeTheUpstreamHasFinished() throws IOException {
        harness.healthy.faults(Faults.slow(8));
        try (Socket socket = openStream("gpt-4o", false)) {
            BufferedReader reader = reader(socket);
            String first = readUntil(reader, "data: ");

            assertThat(first).contains("chat.completion.chunk");
            assertThat(harness.healthy.stats().completedStreams()).isZero();
        }
    }

    @Test
    void translatedStreamsAreNotBufferedEither() throws IOException {
        harness.healthy.faults(Faults.slow(8));
        try (Socket socket = openStream("claude-sonnet-4-5", false)) {
            String first = readUntil(reader(socket), "data: ");

            assertThat(first).contains("chat.completion.chunk");
            assertThat(harness.healthy.stats().completedStreams()).isZero();
        }
    }

    @Test
    void moreStreamsThanTheShortRequestPoolHoldsAreAllOpenAtOnce() throws IOException {
        // Short requests share 256 upstream connections per event loop; a stream holds its own for as
        // long as it generates, so streams beyond that must not wait for one (they used to, then got 502).
        int streams = 256 * Runtime.getRuntime().availableProcessors() + 100;
        harness.healthy.faults(Faults.slow(1));
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                sockets.add(openStream("gpt-4o", false));
            }
            for (Socket socket : sockets) {
                assertThat(readUntil(reader(socket), "data: ")).contains("chat.completion.chunk");
            }
            assertThat(harness.healthy.stats().completedStreams()).as("streams already finished").isZero();
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aCallerThatDisconnectsCancelsTheUpstreamStream() throws Exception {
        harness.healthy.faults(Faults.slow(5));
        try (Socket socket = openStream("gpt-4o", false)) {
            readUntil(reader(socket), "data: ");
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (harness.healthy.stats().cancelledStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(harness.healthy.stats().cancelledStreams()).isEqualTo(1);
        assertThat(harness.healthy.stats().completedStreams()).isZero();
    }

    @Test
    void anOpenAiStreamThatBreaksMidwayEndsWithAnErrorEvent() {
        harness.faulty.faults(Faults.cutAfter(3));

        HttpResponse<String> response = Http.post(harness.baseUrl() + "/v1/chat/completions",
                Http.chatBody("faulty-gpt", true), Http.bearer());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("chat.completion.chunk").doesNotContain("[DONE]");
        String last = lastEventData(response.body());
        assertThat(last).contains("\"error\"").contains("upstream_stream_interrupted");
    }

    @Test
    void anAnthropicStreamThatBreaksMidwayEndsWithAnErrorEvent() {
        harness.faulty.faults(Faults.cutAfter(3));

        HttpResponse<String> response = Http.post(harness.baseUrl() + "/v1/messages",
                Http.messagesBody("faulty-claude", true), Http.anthropic());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("event: content_block_delta").doesNotContain("message_stop")
                .contains("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\"");
    }

    @Test
    void anUpstreamThatGoesSilentMidStreamEndsWithAnErrorEventNotAHang() {
        try (GatewayHarness impatient = new GatewayHarness(GatewaySettings.defaults().withPorts(0, 0)
                .withBreaker(1000, java.time.Duration.ofSeconds(10)).withIdleTimeout(java.time.Duration.ofMillis(400)))) {
            // One token a second: the first chunk comes, then more than the idle timeout of silence.
            impatient.faulty.faults(Faults.slow(1));
            long started = System.nanoTime();

            HttpResponse<String> response = Http.post(impatient.baseUrl() + "/v1/chat/completions",
                    Http.chatBody("faulty-gpt", true), Http.bearer());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(lastEventData(response.body())).contains("upstream_stream_interrupted");
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the stream ended").isLessThan(5_000);
        }
    }

    private Socket openStream(String model, boolean anthropic) throws IOException {
        Socket socket = new Socket("127.0.0.1", harness.gateway.port());
        socket.setSoTimeout(10_000);
        String body = Http.chatBody(model, true);
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + GatewayHarness.KEY + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static String readUntil(BufferedReader reader, String prefix) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("stream ended before a line starting with " + prefix);
    }

    private static String lastEventData(String body) {
        String[] events = body.trim().split("\n\n");
        return events[events.length - 1];
    }
}
