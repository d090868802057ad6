package dev.strait.emulator;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One admitted model request: its parsed body, the fault plan that applies to it, and the ways to
 * answer. {@code deployment} is the Azure deployment name (the model when the body names none).
 */
record Exchange(HttpServerRequest request, JsonObject body, Dialect dialect, String deployment, Faults faults, Services services) {

    void json(int status, JsonObject payload) {
        request.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(payload.encode());
    }

    void error(int status, String message) {
        Responses.error(request, dialect, status, message, faults);
    }

    void stream(List<StreamPacer.Chunk> chunks) {
        StreamPacer.start(services.vertx(), request, chunks, faults, services.stats());
    }

    /** The model named by the body, else the Azure deployment; a 400 when neither exists. */
    String model(String missingMessage) {
        Object model = body.getValue("model");
        if (model instanceof String name && !name.isBlank()) {
            return name;
        }
        if (model != null && !(model instanceof String)) {
            throw new BadRequest("Invalid type for 'model': expected a string");
        }
        if (deployment != null) {
            return deployment;
        }
        throw new BadRequest(missingMessage);
    }
}
