package dev.strait.app.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.usage.UsageRecord;
import dev.strait.monitor.features.RequestFeatures;
import dev.strait.provenance.index.Generation;
import dev.strait.provenance.signature.Signature;
import dev.strait.store.ledger.UsageCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The events as JSON on the bus, each in an envelope that names its schema and major version
 * ({@code strait.usage/1}, {@code strait.traffic/1}). A consumer reads the major versions it knows and
 * ignores fields it does not, so fields can be added without a new version; a change that is not an
 * addition is a new major version, which consumers of the old one refuse rather than misread.
 */
public final class EventCodec {

    public static final String USAGE_SCHEMA = "strait.usage/1";
    public static final String TRAFFIC_SCHEMA = "strait.traffic/1";

    private static final byte[] USAGE_HEAD = ("{\"schema\":\"" + USAGE_SCHEMA + "\",\"usage\":")
            .getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** An event of a schema this version cannot read. */
    public static final class UnknownSchema extends RuntimeException {
        UnknownSchema(String schema) {
            super("unknown event schema '" + schema + "'");
        }
    }

    private EventCodec() {}

    /** The usage record's spool form inside the envelope: no second serialization on the event loop. */
    public static byte[] encodeUsage(UsageRecord record) {
        return wrapUsage(UsageCodec.encode(record));
    }

    /** The envelope around a record already in its spool form ({@link UsageCodec}). */
    static byte[] wrapUsage(byte[] body) {
        byte[] out = new byte[USAGE_HEAD.length + body.length + 1];
        System.arraycopy(USAGE_HEAD, 0, out, 0, USAGE_HEAD.length);
        System.arraycopy(body, 0, out, USAGE_HEAD.length, body.length);
        out[out.length - 1] = '}';
        return out;
    }

    public static UsageRecord decodeUsage(byte[] bytes) {
        JsonNode envelope = read(bytes, USAGE_SCHEMA);
        try {
            return UsageCodec.decode(JSON.writeValueAsBytes(envelope.get("usage")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] encodeTraffic(TrafficEvent event) {
        ObjectNode out = JSON.createObjectNode().put("schema", TRAFFIC_SCHEMA).put("request_id", event.requestId())
                .put("org", event.org());
        out.set("features", JSON.valueToTree(event.features()));
        Generation g = event.generation();
        if (g != null) {
            ObjectNode generation = out.putObject("generation").put("key_id", g.keyId()).put("model", g.model())
                    .put("market", g.market()).put("time", g.time().toString());
            generation.set("signature", JSON.valueToTree(g.signature()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try {
            JSON.writeValue(bytes, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static TrafficEvent decodeTraffic(byte[] bytes) {
        JsonNode in = read(bytes, TRAFFIC_SCHEMA);
        try {
            String requestId = in.path("request_id").asText();
            String org = in.path("org").asText();
            RequestFeatures features = JSON.treeToValue(in.get("features"), RequestFeatures.class);
            JsonNode g = in.get("generation");
            Generation generation = g == null || g.isNull() ? null : new Generation(org, g.path("key_id").asText(),
                    requestId, g.path("model").asText(), g.path("market").asText(), Instant.parse(g.path("time").asText()),
                    JSON.treeToValue(g.get("signature"), Signature.class));
            return new TrafficEvent(requestId, org, features, generation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(byte[] bytes, String schema) {
        try {
            JsonNode node = JSON.readTree(bytes);
            String named = node.path("schema").asText("");
            if (!named.equals(schema)) {
                throw new UnknownSchema(named);
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
