package dev.strait.emulator;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The emulator's own routes under /_emulator/, so a process outside the JVM (a benchmark, a shell)
 * can change faults and read counters: GET|PUT|DELETE faults, GET|DELETE stats.
 */
final class ControlApi {

    static final String PREFIX = "/_emulator/";

    private final Supplier<Faults> faults;
    private final Consumer<Faults> setFaults;
    private final EmulatorStats stats;

    ControlApi(Supplier<Faults> faults, Consumer<Faults> setFaults, EmulatorStats stats) {
        this.faults = faults;
        this.setFaults = setFaults;
        this.stats = stats;
    }

    void handle(HttpServerRequest request, String body) {
        String path = request.path();
        HttpMethod method = request.method();
        if (path.equals(PREFIX + "faults")) {
            if (method == HttpMethod.PUT || method == HttpMethod.POST) {
                try {
                    setFaults.accept(body.isBlank() ? Faults.none() : Faults.fromJson(new JsonObject(body)));
                } catch (RuntimeException e) {
                    reply(request, 400, new JsonObject().put("error", String.valueOf(e.getMessage())));
                    return;
                }
            } else if (method == HttpMethod.DELETE) {
                setFaults.accept(Faults.none());
            } else if (method != HttpMethod.GET) {
                reply(request, 405, new JsonObject().put("error", "use GET, PUT or DELETE"));
                return;
            }
            reply(request, 200, faults.get().toJson());
        } else if (path.equals(PREFIX + "stats")) {
            if (method == HttpMethod.DELETE) {
                stats.reset();
            }
            reply(request, 200, stats.toJson());
        } else {
            reply(request, 404, new JsonObject().put("error", "unknown emulator route " + path));
        }
    }

    private static void reply(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
