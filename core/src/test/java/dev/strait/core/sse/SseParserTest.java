package dev.strait.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<SseEvent> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add);

    @Test
    void parsesEventsSplitAtEveryByte() {
        byte[] wire = ("event: message_start\ndata: {\"a\":1}\n\n: comment\n\ndata: x\r\ndata: y\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        for (byte b : wire) {
            parser.feed(new byte[] {b});
        }
        assertThat(events).containsExactly(SseEvent.named("message_start", "{\"a\":1}"), SseEvent.data("x\ny"));
    }

    @Test
    void keepsMultiByteCharactersSplitAcrossPieces() {
        byte[] wire = "data: héllo 你好\n\n".getBytes(StandardCharsets.UTF_8);
        parser.feed(wire, 0, 9);
        parser.feed(wire, 9, wire.length - 9);
        assertThat(events).containsExactly(SseEvent.data("héllo 你好"));
    }

    @Test
    void finishDispatchesAnUnterminatedEvent() {
        parser.feed("data: [DONE]".getBytes(StandardCharsets.UTF_8));
        assertThat(events).isEmpty();
        parser.finish();
        assertThat(events).containsExactly(SseEvent.data("[DONE]"));
    }

    @Test
    void encodeRoundTrips() {
        SseEvent event = SseEvent.named("content_block_delta", "line1\nline2");
        parser.feed(event.encodeBytes());
        assertThat(events).containsExactly(event);
    }
}
