package dev.strait.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.core.usage.UsageRecord;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageCodecTest {

    static final UsageRecord RECORD = new UsageRecord("req-1", Instant.parse("2026-11-22T07:15:32.123456Z"), "org_a",
            null, "key_a", "US", "gpt-4o", "openai-us-east", "us-east", 200, true, 1234, 56, 7, false, 8_901,
            new BigDecimal("0.0000012345678901"), "USD", "prices-v3");

    @Test
    void aRecordRoundTripsExactlyWithItsMoneyAsWritten() {
        UsageRecord back = UsageCodec.decode(UsageCodec.encode(RECORD));

        assertThat(back).isEqualTo(RECORD);
        assertThat(back.cost().toPlainString()).isEqualTo("0.0000012345678901");
    }

    @Test
    void spoolBytesWrittenByEarlierVersionsStillDecode() throws Exception {
        // the data-bound form spools held before the streaming encoder
        byte[] earlier = new ObjectMapper().writeValueAsBytes(new UsageCodec.Wire("req-1", 1_795_331_732_123_456L,
                "org_a", null, "key_a", "US", "gpt-4o", "openai-us-east", "us-east", 200, true, 1234, 56, 7, false,
                8_901, "0.0000012345678901", "USD", "prices-v3"));

        assertThat(UsageCodec.decode(earlier)).isEqualTo(RECORD);
        assertThat(new ObjectMapper().readTree(UsageCodec.encode(RECORD)))
                .isEqualTo(new ObjectMapper().readTree(earlier));
    }
}
