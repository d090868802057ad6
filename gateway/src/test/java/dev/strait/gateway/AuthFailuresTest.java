package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.gateway.limit.LocalCounters;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An address that keeps failing to authenticate is refused before its keys are looked at. */
class AuthFailuresTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness(GatewaySettings.defaults().withPorts(0, 0)
            .withAuthFailuresPerMinute(3), vertx -> new LocalCounters(),
            Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    static HttpResponse<String> chat(String key) {
        return Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("gpt-4o", false),
                "authorization", "Bearer " + key, "content-type", "application/json");
    }

    @Test
    void guessingKeysIsRefusedAfterAFewFailuresEvenWithTheRightKeyAtLast() {
        for (int i = 0; i < 3; i++) {
            assertThat(chat("sk-strait-guess" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> refused = chat(GatewayHarness.KEY);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"too_many_authentication_failures\"");
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        assertThat(harness.usage).isEmpty();
    }
}
