package dev.strait.monitor.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteScanTest {

    @Test
    void findsTheClosingQuoteAtEveryAlignment() {
        for (int pad = 0; pad < 20; pad++) {
            String content = "x".repeat(pad) + "\\\"" + "y".repeat(pad % 9) + "\\\\";
            byte[] bytes = (content + "\"tail").getBytes(StandardCharsets.UTF_8);
            assertThat(ByteScan.closingQuote(bytes, 0, bytes.length)).as(content).isEqualTo(content.length());
            assertThat(ByteScan.closingQuote(bytes, 0, content.length())).isEqualTo(-1);
        }
    }

    @Test
    void findsTheFirstNewlineLikeALoopWould() {
        Random random = new Random(11);
        for (int n = 0; n < 5_000; n++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextInt(12) == 0 ? '\n' : random.nextInt(256));
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            int expected = -1;
            for (int i = from; i < to && expected < 0; i++) {
                expected = bytes[i] == '\n' ? i : -1;
            }
            assertThat(ByteScan.newline(bytes, from, to)).isEqualTo(expected);
        }
    }
}
