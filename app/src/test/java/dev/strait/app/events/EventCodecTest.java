package dev.strait.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strait.core.usage.UsageRecord;
import dev.strait.monitor.features.RequestFeatures;
import dev.strait.provenance.index.Generation;
import dev.strait.provenance.signature.SignatureScheme;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    static final UsageRecord USAGE = new UsageRecord("req_1", Instant.parse("2026-11-02T10:15:30.123456Z"), "org_1",
            "proj_1", "key_1", "US", "gpt-4o", "openai-east", "us-east", 200, true, 1200, 340, 100, false, 81_234,
            new BigDecimal("0.0012345678"), "USD", "2026-10");

    static RequestFeatures features(double temperature) {
        return new RequestFeatures(1_700_000_000_000L, "org_1", 42L, "US", 3232235776L, 3232235777L, 7L, "gpt-4o",
                true, 0L, 11L, 12L, -5L, 2, true, false, new long[] {1, -2, 3}, 37, 1, 3, temperature, 4000, false,
                false, false, true, 120, 900);
    }

    @Test
    void aUsageRecordCrossesTheBusExactlyAsItWasWithItsSchemaNamed() {
        byte[] bytes = EventCodec.encodeUsage(USAGE);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"schema\":\"strait.usage/1\",\"usage\":{");
        assertThat(EventCodec.decodeUsage(bytes)).isEqualTo(USAGE);
    }

    @Test
    void aTrafficEventKeepsItsFeaturesAndSignatureAndNoText() {
        String answer = "The river bends twice before it reaches the sea, and the town sits on the second bend.";
        Generation generation = new Generation("org_1", "key_1", "req_1", "gpt-4o", "US",
                Instant.parse("2026-11-02T10:15:30.123Z"), new SignatureScheme().sign(answer));
        TrafficEvent event = new TrafficEvent("req_1", "org_1", features(Double.NaN), generation);

        byte[] bytes = EventCodec.encodeTraffic(event);
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(json).contains("\"schema\":\"strait.traffic/1\"").doesNotContain("river").doesNotContain("bend");
        TrafficEvent back = EventCodec.decodeTraffic(bytes);

        assertThat(back.requestId()).isEqualTo("req_1");
        assertThat(back.features()).usingRecursiveComparison().ignoringFields("temperature")
                .isEqualTo(event.features());
        assertThat(back.features().temperature()).isNaN();
        assertThat(back.generation()).usingRecursiveComparison().isEqualTo(generation);
        assertThat(EventCodec.decodeTraffic(EventCodec.encodeTraffic(new TrafficEvent("req_2", "org_1",
                features(0.7), null))).generation()).isNull();
    }

    @Test
    void anEventOfAnotherMajorVersionIsRefusedRatherThanMisread() {
        byte[] newer = "{\"schema\":\"strait.usage/2\",\"usage\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventCodec.decodeUsage(newer)).isInstanceOf(EventCodec.UnknownSchema.class)
                .hasMessageContaining("strait.usage/2");
        byte[] added = new String(EventCodec.encodeUsage(USAGE), StandardCharsets.UTF_8)
                .replace("{\"schema\":\"strait.usage/1\",", "{\"schema\":\"strait.usage/1\",\"added_later\":true,")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(EventCodec.decodeUsage(added)).as("an added field is ignored").isEqualTo(USAGE);
    }
}
