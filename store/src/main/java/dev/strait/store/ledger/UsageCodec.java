package dev.strait.store.ledger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.strait.core.usage.UsageRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A usage record as spool bytes: JSON, with its money as an exact decimal string. */
public final class UsageCodec {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private UsageCodec() {}

    /**
     * Written field by field with the streaming generator: this runs on the event loop for every
     * response, where data binding a record (reflection, a bean per call) cost several times as much.
     * The bytes are the {@link Wire} shape that {@link #decode} reads.
     */
    public static byte[] encode(UsageRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(384);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("requestId", r.requestId());
            g.writeNumberField("atMicros", r.at().getEpochSecond() * 1_000_000 + r.at().getNano() / 1_000);
            g.writeStringField("orgId", r.orgId());
            g.writeStringField("projectId", r.projectId());
            g.writeStringField("keyId", r.keyId());
            g.writeStringField("market", r.market());
            g.writeStringField("model", r.model());
            g.writeStringField("deployment", r.deployment());
            g.writeStringField("region", r.region());
            g.writeNumberField("status", r.status());
            g.writeBooleanField("stream", r.stream());
            g.writeNumberField("inputTokens", r.inputTokens());
            g.writeNumberField("outputTokens", r.outputTokens());
            g.writeNumberField("cachedInputTokens", r.cachedInputTokens());
            g.writeBooleanField("estimated", r.estimated());
            g.writeNumberField("latencyMicros", r.latencyMicros());
            g.writeStringField("cost", r.cost().toPlainString());
            g.writeStringField("currency", r.currency());
            g.writeStringField("priceVersion", r.priceVersion());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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

        UsageRecord toRecord() {
            java.time.Instant at = java.time.Instant.ofEpochSecond(atMicros / 1_000_000, (atMicros % 1_000_000) * 1_000);
            return new UsageRecord(requestId, at, orgId, projectId, keyId, market, model, deployment, region, status,
                    stream, inputTokens, outputTokens, cachedInputTokens, estimated, latencyMicros,
                    new java.math.BigDecimal(cost), currency, priceVersion);
        }
    }
}
