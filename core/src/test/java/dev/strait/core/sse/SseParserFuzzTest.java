package dev.strait.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the event-stream parser. In the suite it replays the committed corpus
 * ({@code SseParserFuzzTestInputs/}); {@code bench/fuzz.sh} fuzzes it for real.
 */
class SseParserFuzzTest {

    /**
     * Any bytes, cut into any pieces, parse without an exception into the same events as the
     * whole: an upstream's TCP segmentation must never change what the caller receives.
     */
    @FuzzTest
    void anyBytesInAnyPiecesParseToTheSameEventsAsTheWhole(FuzzedDataProvider data) {
        int cuts = data.consumeInt(0, 16);
        int[] at = new int[cuts];
        for (int i = 0; i < cuts; i++) {
            at[i] = data.consumeInt(0, 4096);
        }
        byte[] stream = data.consumeRemainingAsBytes();

        List<SseEvent> whole = new ArrayList<>();
        SseParser one = new SseParser(whole::add);
        one.feed(stream);
        one.finish();

        List<SseEvent> pieces = new ArrayList<>();
        SseParser many = new SseParser(pieces::add);
        java.util.Arrays.sort(at);
        int from = 0;
        for (int cut : at) {
            int to = Math.min(stream.length, Math.max(from, cut));
            many.feed(stream, from, to - from);
            from = to;
        }
        many.feed(stream, from, stream.length - from);
        many.finish();

        assertThat(pieces).isEqualTo(whole);
        for (SseEvent event : whole) {
            assertThat(event.data()).isNotNull();
        }
    }
}
