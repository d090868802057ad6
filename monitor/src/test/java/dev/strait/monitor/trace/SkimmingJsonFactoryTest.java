package dev.strait.monitor.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SkimmingJsonFactoryTest {

    private static final String[] PIECES = {"a", "word ", "\"", "\\", "\\\\", "\n", "\t", "é", "漢", "😀", "\u0001", "/", "u00"};

    @Test
    void skippingAnyStringLeavesTheParserWhereJacksonsOwnSkipWould() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String line = "{\"skip\":" + mapper.writeValueAsString(text.toString()) + ",\"keep\":\"k" + n
                    + "\",\"after\":[" + mapper.writeValueAsString(text.reverse().toString()) + ",7]}";
            byte[] bytes = ("  " + line + "  ").getBytes(StandardCharsets.UTF_8);

            assertThat(readAllButSkipped(new SkimmingJsonFactory(), bytes)).as(line)
                    .isEqualTo(readAllButSkipped(new JsonFactory(), bytes));
        }
    }

    @Test
    void anUnterminatedStringIsAParseErrorNotAHang() {
        byte[] bytes = "  {\"skip\":\"never closed \\\"  ".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> readAllButSkipped(new SkimmingJsonFactory(), bytes))
                .isInstanceOf(IOException.class).hasMessageContaining("closing quote");
    }

    /** Every token, except the text of the field "skip", which is passed over unread. */
    private static List<String> readAllButSkipped(JsonFactory factory, byte[] bytes) throws IOException {
        List<String> seen = new ArrayList<>();
        try (JsonParser p = factory.createParser(bytes, 2, bytes.length - 4)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                boolean skipped = t == JsonToken.VALUE_STRING && "skip".equals(p.currentName());
                seen.add(t + (skipped || t.isStructStart() || t.isStructEnd() ? "" : "=" + p.getText()));
            }
        }
        return seen;
    }
}
