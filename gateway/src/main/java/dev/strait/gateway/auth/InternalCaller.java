package dev.strait.gateway.auth;

import dev.strait.core.access.AccessSnapshot;
import dev.strait.core.error.Failure;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Requests the node sends through its own listener on a caller's behalf (the lines of a batch):
 * they carry this process's internal secret and the id of the key that submitted the work, and
 * are then served exactly as that key's own requests would be, marked as batch work for pricing.
 * A request with the header and any other value is refused: the header is never ignored.
 */
public final class InternalCaller implements Stage {

    public static final String SECRET_HEADER = "x-strait-internal";
    public static final String KEY_HEADER = "x-strait-on-behalf-of";

    private final byte[] secret;
    private final Supplier<AccessSnapshot> access;
    private final Clock clock;

    /** @param secret null when the node sends no internal requests: the header is then always refused */
    public InternalCaller(String secret, Supplier<AccessSnapshot> access, Clock clock) {
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.access = access;
        this.clock = clock;
    }

    /** Whether the request carries this node's internal secret: only then are its own request ids kept. */
    public static boolean internal(io.vertx.core.http.HttpServerRequest request, String secret) {
        String presented = request.getHeader(SECRET_HEADER);
        return secret != null && presented != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        String presented = exchange.request().getHeader(SECRET_HEADER);
        if (presented == null) {
            chain.proceed(exchange);
            return;
        }
        if (secret == null || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            chain.fail(exchange, Failure.of(Failure.Kind.AUTHENTICATION, "invalid_internal_credential",
                    "The " + SECRET_HEADER + " header is reserved for the gateway itself."));
            return;
        }
        String keyId = exchange.request().getHeader(KEY_HEADER);
        AccessSnapshot.Principal principal = keyId == null ? null : access.get().principalOfKey(keyId, clock.instant());
        if (principal == null) {
            chain.fail(exchange, Failure.of(Failure.Kind.AUTHENTICATION, "api_key_revoked",
                    "The API key that submitted this work is no longer valid."));
            return;
        }
        exchange.principal(principal);
        exchange.batch(true);
        chain.proceed(exchange);
    }
}
