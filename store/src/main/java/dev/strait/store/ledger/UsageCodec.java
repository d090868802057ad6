package dev.strait.store.ledger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.strait.core.usage.UsageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A usage record as spool bytes: JSON, with its money as an exact decimal string. */
public final class UsageCodec {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private UsageCodec() {}

    public static byte[] encode(UsageRecord record) {
        try {
            return JSON.writeValueAsBytes(Wire.of(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static UsageRecord decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, Wire.class).toRecord();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The wire shape: plain fields, the instant as epoch microseconds, the cost as a string. */
    record Wire(String requestId, long atMicros, String orgId, String projectId, String keyId, String market,
            String model, String deployment, String region, int status, boolean stream, long inputTokens,
            long outputTokens, long cachedInputTokens, boolean estimated, long latencyMicros, String cost,
            String currency, String priceVersion) {

        static Wire of(UsageRecord r) {
            long micros = r.at().getEpochSecond() * 1_000_000 + r.at().getNano() / 1_000;
            return new Wire(r.requestId(), micros, r.orgId(), r.projectId(), r.keyId(), r.market(), r.model(),
                    r.deployment(), r.region(), r.status(), r.stream(), r.inputTokens(), r.outputTokens(),
                    r.cachedInputTokens(), r.estimated(), r.latencyMicros(), r.cost().toPlainString(), r.currency(),
                    r.priceVersion());
        }

        UsageRecord toRecord() {
            java.time.Instant at = java.time.Instant.ofEpochSecond(atMicros / 1_000_000, (atMicros % 1_000_000) * 1_000);
            return new UsageRecord(requestId, at, orgId, projectId, keyId, market, model, deployment, region, status,
                    stream, inputTokens, outputTokens, cachedInputTokens, estimated, latencyMicros,
                    new java.math.BigDecimal(cost), currency, priceVersion);
        }
    }
}
