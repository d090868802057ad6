package dev.strait.app.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/** Who may call an admin route: decided on a worker thread before the route runs. */
public interface AdminGuard {

    /** The caller's name for the audit log, or the reply that refuses them (401, 403). */
    record Admission(String actor, AdminApi.Reply refusal) {
        public static Admission of(String actor) {
            return new Admission(actor, null);
        }

        public static Admission refused(int status, String code, String message) {
            return new Admission(null, new AdminApi.Reply(status, AdminApi.error(code, message)));
        }
    }

    /** For an admin API behind a listener that has checked the admin token already. */
    AdminGuard TOKEN_CHECKED = (method, parts, request) -> Admission.of(
            request.getHeader("x-strait-actor") != null ? request.getHeader("x-strait-actor") : "admin");

    Admission admit(HttpMethod method, String[] parts, HttpServerRequest request) throws Exception;
}
