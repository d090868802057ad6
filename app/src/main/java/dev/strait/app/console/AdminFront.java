package dev.strait.app.console;

import dev.strait.gateway.admin.SelfGuardedApi;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * What the admin listener hands on after probes and metrics: the console's files, the login
 * endpoint, and the admin API (which admits its callers through {@link OperatorGuard}).
 */
public final class AdminFront implements SelfGuardedApi {

    private final ConsoleAssets assets;
    private final SessionApi sessions;
    private final Handler<HttpServerRequest> api;

    public AdminFront(ConsoleAssets assets, SessionApi sessions, Handler<HttpServerRequest> api) {
        this.assets = assets;
        this.sessions = sessions;
        this.api = api;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/") || path.equals("/console") || path.startsWith("/console/")) {
            assets.handle(request);
        } else if (path.equals("/admin/session")) {
            sessions.handle(request);
        } else {
            api.handle(request);
        }
    }
}
