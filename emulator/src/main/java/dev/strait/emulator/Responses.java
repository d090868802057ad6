package dev.strait.emulator;

import io.vertx.core.http.HttpServerRequest;

/** Writes error responses in the route's dialect, with the headers that go with them. */
final class Responses {

    private Responses() {
    }

    static void error(HttpServerRequest request, Dialect dialect, int status, String message, Faults faults) {
        var response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("content-type", "application/json");
        if (status == 429) {
            response.putHeader("retry-after", Long.toString(faults.retryAfterSeconds()));
        }
        if (dialect == Dialect.ANTHROPIC && status == 529) {
            response.setStatusMessage("Overloaded");
        }
        response.end(ErrorBodies.render(dialect, status, message).encode());
    }
}
