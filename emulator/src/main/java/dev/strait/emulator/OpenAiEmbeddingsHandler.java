package dev.strait.emulator;

import com.knuddels.jtokkit.api.Encoding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * POST /v1/embeddings: a unit vector seeded by the input, so equal inputs embed equally and
 * different inputs almost surely differ. Answers floats or, when asked (some SDKs always ask),
 * base64 of little-endian float32.
 */
final class OpenAiEmbeddingsHandler {

    private static final int DEFAULT_DIMENSIONS = 1536;
    private static final int MAX_DIMENSIONS = 8192;

    private final Services services;

    OpenAiEmbeddingsHandler(Services services) {
        this.services = services;
    }

    void handle(Exchange ex) {
        JsonObject body = ex.body();
        String model = ex.model("you must provide a model parameter");
        Encoding encoding = services.tokens().forOpenAiModel(model);
        int dimensions = Json.integer(body, "dimensions", DEFAULT_DIMENSIONS);
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new BadRequest("Invalid 'dimensions': must be between 1 and " + MAX_DIMENSIONS + ".");
        }
        String format = body.getValue("encoding_format") instanceof String f ? f : "float";
        if (!format.equals("float") && !format.equals("base64")) {
            throw new BadRequest("Invalid value for 'encoding_format': expected 'float' or 'base64'.");
        }
        List<Object> inputs = inputs(body.getValue("input"));
        JsonArray data = new JsonArray();
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Object input = inputs.get(i);
            tokens += input instanceof JsonArray ids ? ids.size() : Tokens.count(encoding, (String) input);
            float[] vector = vector(input.toString(), dimensions);
            data.add(new JsonObject()
                    .put("object", "embedding")
                    .put("index", i)
                    .put("embedding", format.equals("base64") ? base64(vector) : floats(vector)));
        }
        ex.json(200, new JsonObject()
                .put("object", "list")
                .put("data", data)
                .put("model", model)
                .put("usage", new JsonObject().put("prompt_tokens", tokens).put("total_tokens", tokens)));
    }

    /** A string, an array of strings, an array of token ids, or an array of such arrays. */
    private static List<Object> inputs(Object input) {
        List<Object> out = new ArrayList<>();
        if (input instanceof String s) {
            out.add(s);
        } else if (input instanceof JsonArray array && !array.isEmpty()) {
            if (array.getValue(0) instanceof Number) {
                out.add(array);
            } else {
                for (Object item : array) {
                    if (!(item instanceof String) && !(item instanceof JsonArray)) {
                        throw new BadRequest("Invalid 'input': expected strings or arrays of token ids.");
                    }
                    out.add(item);
                }
            }
        }
        if (out.isEmpty()) {
            throw new BadRequest("'input' is required and must be a non-empty string or array.");
        }
        return out;
    }

    private static float[] vector(String seedText, int dimensions) {
        SplittableRandom random = new SplittableRandom(seedText.hashCode() * 0x9E3779B97F4A7C15L);
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (vector[i] * scale);
        }
        return vector;
    }

    private static JsonArray floats(float[] vector) {
        JsonArray out = new JsonArray();
        for (float value : vector) {
            out.add((double) value);
        }
        return out;
    }

    private static String base64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }
}
