package dev.strait.app.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/** The admin routes of one concern. Runs on a worker thread, behind the admin token. */
public interface AdminSection {

    /** The answer, or null when the path is not this section's. {@code parts[0]} is "admin". */
    AdminApi.Reply route(HttpMethod method, String[] parts, HttpServerRequest request, Buffer body, String actor)
            throws Exception;
}
