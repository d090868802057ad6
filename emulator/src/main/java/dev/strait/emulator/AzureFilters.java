package dev.strait.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Azure's content-filter annotations, always "safe": clients parse them, so they must be present. */
final class AzureFilters {

    private AzureFilters() {
    }

    static JsonObject results() {
        JsonObject out = new JsonObject();
        for (String category : new String[] {"hate", "self_harm", "sexual", "violence"}) {
            out.put(category, new JsonObject().put("filtered", false).put("severity", "safe"));
        }
        return out;
    }

    static JsonArray promptResults() {
        return new JsonArray().add(new JsonObject().put("prompt_index", 0).put("content_filter_results", results()));
    }
}
