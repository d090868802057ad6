package dev.strait.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AzureAndEmbeddingsTest extends EmulatorHarness {

    private static final String AZURE_CHAT = "/openai/deployments/my-gpt4o/chat/completions";

    private static JsonObject chat() {
        return new JsonObject().put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "hi")));
    }

    @Test
    void azureRequiresAnApiVersion() {
        HttpResponse<String> response = client.post(AZURE_CHAT, chat(), "api-key", "k");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject().put("error",
                new JsonObject().put("code", "404").put("message", "Resource not found")));
    }

    @Test
    void azureNamesTheModelAfterTheDeploymentAndReportsContentFilters() {
        HttpResponse<String> response = client.post(AZURE_CHAT + "?api-version=2024-10-21", chat(), "api-key", "k");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("model")).isEqualTo("my-gpt4o");
        assertThat(body.getJsonArray("prompt_filter_results").getJsonObject(0).getInteger("prompt_index")).isZero();
        assertThat(body.getJsonArray("choices").getJsonObject(0).getJsonObject("content_filter_results")).isNotNull();
    }

    @Test
    void azureWantsAnApiKeyHeader() {
        HttpResponse<String> response = client.post(AZURE_CHAT + "?api-version=2024-10-21", chat());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("code")).isEqualTo("401");
    }

    @Test
    void embedsEachInputAsAUnitVectorOfTheAskedDimensions() {
        JsonObject request = new JsonObject().put("model", "text-embedding-3-small")
                .put("input", new JsonArray().add("first text").add("second text")).put("dimensions", 64);

        JsonObject body = new JsonObject(client.openAi("/v1/embeddings", request).body());

        assertThat(body.getString("object")).isEqualTo("list");
        JsonArray data = body.getJsonArray("data");
        assertThat(data).hasSize(2);
        assertThat(data.getJsonObject(1).getInteger("index")).isEqualTo(1);
        JsonArray vector = data.getJsonObject(0).getJsonArray("embedding");
        assertThat(vector).hasSize(64);
        double norm = 0;
        for (Object value : vector) {
            norm += ((Number) value).doubleValue() * ((Number) value).doubleValue();
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(vector).isNotEqualTo(data.getJsonObject(1).getJsonArray("embedding"));
        assertThat(body.getJsonObject("usage").getInteger("prompt_tokens")).isEqualTo(4);
    }

    @Test
    void encodesEmbeddingsAsLittleEndianFloat32Base64WhenAsked() {
        JsonObject floats = new JsonObject(client.openAi("/v1/embeddings",
                new JsonObject().put("model", "text-embedding-3-small").put("input", "same")).body());
        JsonObject base64 = new JsonObject(client.openAi("/v1/embeddings",
                new JsonObject().put("model", "text-embedding-3-small").put("input", "same").put("encoding_format", "base64")).body());

        JsonArray expected = floats.getJsonArray("data").getJsonObject(0).getJsonArray("embedding");
        ByteBuffer decoded = ByteBuffer.wrap(Base64.getDecoder().decode(base64.getJsonArray("data").getJsonObject(0).getString("embedding")))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(expected).hasSize(1536);
        assertThat(decoded.remaining()).isEqualTo(1536 * 4);
        for (int i = 0; i < 1536; i++) {
            assertThat(decoded.getFloat()).isEqualTo(((Number) expected.getValue(i)).floatValue());
        }
    }

    @Test
    void azureEmbeddingsUseTheDeploymentRoute() {
        HttpResponse<String> response = client.post("/openai/deployments/emb/embeddings?api-version=2024-10-21",
                new JsonObject().put("input", "x"), "api-key", "k");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("model")).isEqualTo("emb");
    }
}
