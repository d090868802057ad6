package dev.strait.app.console;

import dev.strait.app.admin.AdminGuard;
import dev.strait.core.deploy.Secret;
import dev.strait.store.operator.Operators;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The admin API's door. The admin token (the CLI's) is a full admin. A console session (an
 * HttpOnly, SameSite=Strict cookie) is its operator with their role, checked against
 * {@link RoutePermissions}. A request that changes anything with a session must also carry
 * {@value #CSRF_HEADER} — which a page of another site cannot send without a CORS preflight this
 * listener never grants — and, when the browser names an Origin, come from this listener's own.
 */
public final class OperatorGuard implements AdminGuard {

    public static final String COOKIE = "strait_console";
    public static final String CSRF_HEADER = "x-strait-console";

    private final Secret token;
    private final Operators operators;

    public OperatorGuard(Secret token, Operators operators) {
        this.token = token;
        this.operators = operators;
    }

    @Override
    public Admission admit(HttpMethod method, String[] parts, HttpServerRequest request) throws Exception {
        String authorization = request.getHeader("authorization");
        if (authorization != null) {
            if (tokenMatches(authorization)) {
                return Admission.of(request.getHeader("x-strait-actor") != null
                        ? request.getHeader("x-strait-actor") : "admin");
            }
            return Admission.refused(401, "unauthorized", token.isPresent()
                    ? "the admin API needs 'Authorization: Bearer <admin token>' or a console session"
                    : "the admin API is closed: no admin token is configured");
        }
        Optional<Caller> caller = caller(request);
        if (caller.isEmpty()) {
            return Admission.refused(401, "unauthorized",
                    "log in to the console, or send 'Authorization: Bearer <admin token>'");
        }
        if (!safe(method) && !sameSite(request)) {
            return Admission.refused(403, "csrf_rejected", "a console request that changes something must carry the '"
                    + CSRF_HEADER + "' header and come from the console's own origin");
        }
        Permission needed = RoutePermissions.required(method, parts);
        if (!caller.get().role().may(needed)) {
            return Admission.refused(403, "forbidden", "the " + caller.get().role().id() + " role may not "
                    + method + " " + String.join("/", parts) + " (needs " + needed.name().toLowerCase() + ")");
        }
        return Admission.of(caller.get().actor());
    }

    /** The operator whose live session the request carries. */
    public Optional<Caller> caller(HttpServerRequest request) throws Exception {
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            return Optional.empty();
        }
        return operators.session(cookie.getValue()).map(s -> new Caller(s.operator().name(),
                Role.of(s.operator().role()), true, "console:" + s.operator().name()));
    }

    /** The custom header, and an Origin (when the browser sends one) equal to this listener's. */
    public static boolean sameSite(HttpServerRequest request) {
        if (!"1".equals(request.getHeader(CSRF_HEADER))) {
            return false;
        }
        String origin = request.getHeader("origin");
        String host = request.getHeader("host");
        return origin == null || (host != null && (origin.equals("http://" + host) || origin.equals("https://" + host)));
    }

    private static boolean safe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    private boolean tokenMatches(String header) {
        return token.isPresent() && header.startsWith("Bearer ")
                && MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                        token.value().getBytes(StandardCharsets.UTF_8));
    }
}
