package dev.strait.gateway.auth;

import dev.strait.core.access.AccessSnapshot;
import dev.strait.core.error.Failure;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Finds the caller's key in whichever header its SDK sends it (OpenAI's {@code Authorization:
 * Bearer}, Anthropic's {@code x-api-key}, Azure's {@code api-key}) and looks it up in the
 * current access snapshot: memory only, never the database.
 */
public final class Authenticate implements Stage {

    private final Supplier<AccessSnapshot> access;
    private final Clock clock;
    private final AuthFailures failures;

    /** @param failuresPerMinute failed authentications one address may make in a minute before it is refused */
    public Authenticate(Supplier<AccessSnapshot> access, Clock clock, int failuresPerMinute) {
        this.access = access;
        this.clock = clock;
        this.failures = new AuthFailures(failuresPerMinute);
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        if (exchange.principal() != null) {
            // Already known: a request the node sends on a caller's behalf (see InternalCaller).
            chain.proceed(exchange);
            return;
        }
        long now = clock.millis();
        String address = exchange.request().remoteAddress() == null ? "" : exchange.request().remoteAddress().hostAddress();
        if (failures.blocked(address, now)) {
            long reset = (60_000 - now % 60_000 + 999) / 1_000;
            chain.fail(exchange, new Failure(Failure.Kind.RATE_LIMITED, "too_many_authentication_failures",
                    "Too many failed authentications from this address. Retry in " + reset + " s.", null,
                    java.time.Duration.ofSeconds(reset)));
            return;
        }
        String key = presentedKey(exchange.request());
        if (key == null || key.isEmpty()) {
            failures.failed(address, now);
            chain.fail(exchange, Failure.of(Failure.Kind.AUTHENTICATION, "missing_api_key",
                    "No API key provided. Send it as 'Authorization: Bearer <key>', 'x-api-key' or 'api-key'."));
            return;
        }
        switch (access.get().lookup(key, clock.instant())) {
            case AccessSnapshot.Lookup.Found found -> {
                exchange.principal(found.principal());
                chain.proceed(exchange);
            }
            case AccessSnapshot.Lookup.Refused refused -> {
                failures.failed(address, now);
                chain.fail(exchange, Failure.of(Failure.Kind.AUTHENTICATION, refused.code(), refused.message()));
            }
        }
    }

    static String presentedKey(HttpServerRequest request) {
        String authorization = request.getHeader("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String key = request.getHeader("x-api-key");
        if (key == null) {
            key = request.getHeader("api-key");
        }
        return key == null ? null : key.trim();
    }
}
