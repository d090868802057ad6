package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests built to confuse a proxy are refused at the door, reach no upstream, and leave the
 * gateway serving: smuggling (a body framed two ways), oversized headers, a malformed chunked body.
 * Sent over raw sockets, since well-behaved clients cannot send them.
 */
class HttpAbuseTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();

    static String exchange(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", harness.gateway.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    static String body() {
        return Http.chatBody("gpt-4o", false);
    }

    @Test
    void aBodyFramedByBothContentLengthAndChunkedIsRefused() throws IOException {
        String smuggled = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + GatewayHarness.KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /admin/deployments HTTP/1.1\r\nHost: x\r\n\r\n";

        long upstreamBefore = harness.healthy.stats().requests();

        String answer = exchange(smuggled);

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(harness.healthy.stats().requests()).isEqualTo(upstreamBefore);
        assertGatewayStillServes();
    }

    @Test
    void oversizedHeadersAreRefused() throws IOException {
        String huge = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Filler: " + "a".repeat(64 * 1024)
                + "\r\nContent-Length: 2\r\n\r\n{}";

        String answer = exchange(huge);

        assertThat(answer).matches("(?s)HTTP/1.1 (431|400|413).*");
        assertGatewayStillServes();
    }

    @Test
    void aMalformedChunkedBodyIsRefused() throws IOException {
        String bad = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + GatewayHarness.KEY
                + "\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n" + body() + "\r\n0\r\n\r\n";

        String answer = exchange(bad);

        assertThat(answer).as("refused, or the connection closed unanswered")
                .satisfiesAnyOf(a -> assertThat(a).startsWith("HTTP/1.1 400"), a -> assertThat(a).isEmpty());
        assertThat(harness.usage).isEmpty();
        assertGatewayStillServes();
    }

    private static void assertGatewayStillServes() {
        assertThat(Http.post(harness.baseUrl() + "/v1/chat/completions", body(), Http.bearer()).statusCode())
                .isEqualTo(200);
    }
}
