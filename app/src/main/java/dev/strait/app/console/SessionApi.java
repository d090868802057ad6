package dev.strait.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.store.operator.Operators;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code /admin/session}: an operator logs in ({@code POST}, name and password), asks who they are
 * ({@code GET}) and logs out ({@code DELETE}). Logging in answers with the session cookie; a
 * failed login is audited and counted, and too many for a name (5 in 15 minutes) or from an address
 * (20) are refused with a 429 before any password is checked.
 */
public final class SessionApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final Operators operators;
    private final OperatorGuard guard;
    private final LoginThrottle byName;
    private final LoginThrottle byAddress;
    private final Clock clock;

    /**
     * @param byName failures counted per operator name (a few: guessing one password)
     * @param byAddress failures counted per client address (more: operators behind one address share it)
     */
    public SessionApi(Vertx vertx, Operators operators, OperatorGuard guard, LoginThrottle byName,
            LoginThrottle byAddress, Clock clock) {
        this.vertx = vertx;
        this.operators = operators;
        this.guard = guard;
        this.byName = byName;
        this.byAddress = byAddress;
        this.clock = clock;
    }

    public void handle(HttpServerRequest request) {
        request.body().onComplete(body -> {
            if (body.failed()) {
                return;
            }
            vertx.executeBlocking(() -> answer(request, body.result()), false).onComplete(result -> {
                Answer answer = result.succeeded() ? result.result() : new Answer(400, error("invalid_request",
                        "the body must be JSON: {\"name\":…,\"password\":…}"), null, null);
                HttpServerResponse response = request.response().putHeader("cache-control", "no-store");
                if (answer.cookie() != null) {
                    response.addCookie(answer.cookie());
                }
                if (answer.retryAfter() != null) {
                    response.putHeader("retry-after", answer.retryAfter());
                }
                response.setStatusCode(answer.status()).putHeader("content-type", "application/json")
                        .end(answer.body().toString());
            });
        });
    }

    /** What to answer, made on a worker thread and written on the event loop. */
    private record Answer(int status, ObjectNode body, Cookie cookie, String retryAfter) {
        Answer(int status, ObjectNode body) {
            this(status, body, null, null);
        }
    }

    private Answer answer(HttpServerRequest request, Buffer body) throws Exception {
        HttpMethod method = request.method();
        if (method == HttpMethod.GET) {
            Optional<Caller> caller = guard.caller(request);
            return caller.isEmpty() ? new Answer(401, error("unauthorized", "no console session"))
                    : new Answer(200, view(caller.get()));
        }
        if (!OperatorGuard.sameSite(request)) {
            return new Answer(403, error("csrf_rejected", "send the '" + OperatorGuard.CSRF_HEADER
                    + "' header from the console's own origin"));
        }
        if (method == HttpMethod.DELETE) {
            Cookie cookie = request.getCookie(OperatorGuard.COOKIE);
            if (cookie != null) {
                operators.logout(cookie.getValue());
            }
            return new Answer(200, JSON.createObjectNode().put("logged_out", true), cookie("", Duration.ZERO, request),
                    null);
        }
        if (method != HttpMethod.POST) {
            return new Answer(405, error("method_not_allowed", "log in with POST, log out with DELETE"));
        }
        JsonNode in = JSON.readTree(body.getBytes());
        String name = in == null ? "" : in.path("name").asText("").trim().toLowerCase(java.util.Locale.ROOT);
        String password = in == null ? "" : in.path("password").asText("");
        if (name.isEmpty() || password.isEmpty() || name.length() > 63) {
            return new Answer(400, error("invalid_request", "name and password are required"));
        }
        String from = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        Duration named = byName.wait(name);
        Duration addressed = byAddress.wait(from);
        Duration wait = named.compareTo(addressed) > 0 ? named : addressed;
        if (!wait.isZero()) {
            return new Answer(429, error("too_many_failed_logins", "too many failed logins; try again in "
                    + Math.max(1, wait.toMinutes()) + " minute(s)"), null, Long.toString(Math.max(1, wait.toSeconds())));
        }
        Optional<Operators.Session> session = operators.login(name, password.toCharArray(), from);
        if (session.isEmpty()) {
            byName.failed(name);
            byAddress.failed(from);
            return new Answer(401, error("invalid_credentials", "wrong name or password"));
        }
        byName.succeeded(name);
        Operators.Session s = session.get();
        Caller caller = new Caller(s.operator().name(), Role.of(s.operator().role()), true, "console:" + name);
        return new Answer(200, view(caller).put("expires_at", s.expiresAt().toString()),
                cookie(s.token(), Duration.between(clock.instant(), s.expiresAt()), request), null);
    }

    static ObjectNode view(Caller caller) {
        ObjectNode out = JSON.createObjectNode().put("name", caller.name()).put("role", caller.role().id());
        var permissions = out.putArray("permissions");
        for (Permission p : Permission.values()) {
            if (caller.role().may(p)) {
                permissions.add(p.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    private static Cookie cookie(String value, Duration maxAge, HttpServerRequest request) {
        boolean https = request.isSSL() || "https".equalsIgnoreCase(request.getHeader("x-forwarded-proto"));
        return Cookie.cookie(OperatorGuard.COOKIE, value).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(https).setMaxAge(maxAge.toSeconds());
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.putObject("error").put("code", code).put("message", message);
        return out;
    }

}
