package dev.strait.gateway.admin;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * An admin API that checks its callers itself — the admin token, or an operator's console session
 * and the role it carries — and serves the operator console. The admin listener then hands it
 * every request except the probes and metrics, without a token check of its own.
 */
public interface SelfGuardedApi extends Handler<HttpServerRequest> {}
