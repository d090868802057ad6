package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP/2 is served (h2c by prior knowledge or upgrade here; h2 by ALPN with TLS, see {@link TlsTest}),
 * so its attacks are tested with hand-made frames: rapid reset (CVE-2023-44487), more streams than
 * allowed, an oversized header list and an HPACK bomb. Each is refused, and the gateway keeps serving.
 */
class Http2AbuseTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();

    static final int ENHANCE_YOUR_CALM = (int) Http2Error.ENHANCE_YOUR_CALM.code();
    static final int REFUSED_STREAM = (int) Http2Error.REFUSED_STREAM.code();

    static void assertStillServes() {
        HttpResponse<String> ok = Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("gpt-4o", false),
                Http.bearer());
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    static boolean answeredWithData(RawHttp2 h2, int stream) {
        return h2.received.stream().anyMatch(f -> f.type() == RawHttp2.DATA && f.stream() == stream);
    }

    @Test
    void h2cByPriorKnowledgeAndByUpgradeIsServed() throws Exception {
        try (RawHttp2 h2 = new RawHttp2(harness.gateway.port())) {
            h2.headers(1, RawHttp2.request("GET", "/v1/models"), true);
            h2.flush();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!answeredWithData(h2, 1) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(answeredWithData(h2, 1)).isTrue();
        }
        HttpClient upgrading = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> upgraded = upgrading.send(HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + GatewayHarness.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.chatBody("gpt-4o", false))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.statusCode()).isEqualTo(200);
        assertThat(upgraded.body()).contains("chat.completion");
    }

    @Test
    void aRapidResetFloodIsCutOffWithGoawayAndOthersAreStillServed() throws Exception {
        harness.healthy.stats().reset();
        try (RawHttp2 h2 = new RawHttp2(harness.gateway.port())) {
            String body = Http.chatBody("gpt-4o", false);
            for (int i = 0; i < 1_000 && !h2.closed(); i++) {
                int stream = 1 + 2 * i;
                h2.headers(stream, RawHttp2.request("POST", "/v1/chat/completions"), false);
                h2.data(stream, body, true);
                h2.reset(stream);
            }
            h2.flush();

            assertThat(h2.awaitClose(10_000)).as("the server closes the connection").isTrue();
            assertThat(h2.goaway()).as("with a GOAWAY").isNotNull();
            assertThat(h2.goaway().errorCode()).isEqualTo(ENHANCE_YOUR_CALM);
        }
        assertThat(harness.healthy.stats().requests()).as("upstream calls the flood caused")
                .isLessThanOrEqualTo(Gateway.HTTP2_MAX_RESETS_PER_WINDOW + 10);
        assertStillServes();
    }

    @Test
    void streamsBeyondTheAnnouncedLimitAreRefused() throws Exception {
        try (RawHttp2 h2 = new RawHttp2(harness.gateway.port())) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (h2.setting(0x3) < 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(h2.setting(0x3)).as("SETTINGS_MAX_CONCURRENT_STREAMS").isEqualTo(Gateway.HTTP2_MAX_CONCURRENT_STREAMS);

            int opened = Gateway.HTTP2_MAX_CONCURRENT_STREAMS + 50;
            for (int i = 0; i < opened; i++) {
                // Headers without a body: each stream stays open, waiting.
                h2.headers(1 + 2 * i, RawHttp2.request("POST", "/v1/chat/completions"), false);
            }
            h2.flush();
            deadline = System.nanoTime() + 5_000_000_000L;
            while (h2.count(RawHttp2.RST_STREAM, REFUSED_STREAM) < 50 && !h2.closed() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            assertThat(h2.count(RawHttp2.RST_STREAM, REFUSED_STREAM) >= 50 || h2.goaway() != null)
                    .as("streams past the limit are refused (or the connection is)").isTrue();
        }
        assertStillServes();
    }

    @Test
    void anOversizedHeaderListIsRefusedAndNeverForwarded() throws Exception {
        harness.healthy.stats().reset();
        try (RawHttp2 h2 = new RawHttp2(harness.gateway.port())) {
            Http2Headers headers = RawHttp2.request("GET", "/v1/models");
            String kilobyte = "v".repeat(1024);
            for (int i = 0; i < 100; i++) {
                headers.add("x-filler-" + i, kilobyte);
            }
            h2.headers(1, headers, true);
            h2.flush();
            assertRefused(h2, 1);
        }
        assertStillServes();
    }

    @Test
    void anHpackBombIsRefusedBeforeItExpands() throws Exception {
        // One 4 KB header put into the dynamic table, then referenced 1,000 times: ~1 KB on the wire,
        // 4 MB once decoded. The decoder must stop at the header-list limit, not build the 4 MB.
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82); // :method GET
        block.write(0x86); // :scheme http
        literal(block, 0x04, 4, "/v1/models"); // :path, not indexed
        literal(block, 0x01, 4, "127.0.0.1"); // :authority, not indexed
        block.write(0x40); // literal with incremental indexing, new name
        string(block, "x-bomb");
        string(block, "b".repeat(4_000));
        for (int i = 0; i < 1_000; i++) {
            block.write(0x80 | 62); // the entry just added: dynamic index 62
        }
        try (RawHttp2 h2 = new RawHttp2(harness.gateway.port())) {
            h2.headerBlock(1, block.toByteArray(), true);
            h2.flush();
            assertRefused(h2, 1);
        }
        assertStillServes();
    }

    private static void assertRefused(RawHttp2 h2, int stream) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!h2.closed() && System.nanoTime() < deadline && h2.received.stream()
                .noneMatch(f -> f.stream() == stream && (f.type() == RawHttp2.RST_STREAM || f.type() == RawHttp2.HEADERS))
                && h2.goaway() == null) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        assertThat(answeredWithData(h2, stream)).as("no answer body: the request was not served").isFalse();
        assertThat(h2.closed() || h2.goaway() != null || h2.received.stream().anyMatch(f -> f.stream() == stream))
                .as("the stream or the connection was refused").isTrue();
        assertThat(harness.healthy.stats().requests()).as("nothing reached an upstream").isZero();
    }

    /** An HPACK literal with a static-table name index ({@code prefixBits} bits) and a raw value. */
    private static void literal(ByteArrayOutputStream out, int nameIndex, int prefixBits, String value) {
        integer(out, 0x00, prefixBits, nameIndex);
        string(out, value);
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        integer(out, 0x00, 7, bytes.length);
        out.writeBytes(bytes);
    }

    /** HPACK's prefixed integer (RFC 7541 §5.1). */
    private static void integer(ByteArrayOutputStream out, int firstByteFlags, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(firstByteFlags | value);
            return;
        }
        out.write(firstByteFlags | max);
        value -= max;
        while (value >= 128) {
            out.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }
}
