package dev.strait.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** GET /v1/models and /v1/models/{id}: a fixed catalogue; any id is "found", since the emulator serves any model. */
final class OpenAiModelsHandler {

    private static final List<String> CATALOGUE = List.of(
            "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-5", "o3-mini",
            "text-embedding-3-small", "text-embedding-3-large",
            "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1");
    /** A fixed creation date keeps the listing identical across runs. */
    private static final long CREATED = 1_700_000_000L;

    void list(Exchange ex) {
        JsonArray data = new JsonArray();
        CATALOGUE.forEach(id -> data.add(model(id)));
        ex.json(200, new JsonObject().put("object", "list").put("data", data));
    }

    void get(Exchange ex, String id) {
        ex.json(200, model(id));
    }

    private static JsonObject model(String id) {
        return new JsonObject().put("id", id).put("object", "model").put("created", CREATED).put("owned_by", "emulator");
    }
}
