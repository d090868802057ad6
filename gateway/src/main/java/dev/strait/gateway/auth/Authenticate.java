package dev.strait.gateway.auth;

import dev.strait.core.error.Failure;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;

/**
 * Finds the caller's key in whichever header its SDK sends it: OpenAI's {@code Authorization:
 * Bearer}, Anthropic's {@code x-api-key}, Azure's {@code api-key}.
 */
public final class Authenticate implements Stage {

    private final Set<String> accepted;

    public Authenticate(Set<String> accepted) {
        this.accepted = Set.copyOf(accepted);
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        String key = presentedKey(exchange.request());
        if (key == null || key.isEmpty()) {
            chain.fail(exchange, Failure.of(Failure.Kind.AUTHENTICATION, "missing_api_key",
                    "No API key provided. Send it as 'Authorization: Bearer <key>', 'x-api-key' or 'api-key'."));
            return;
        }
        if (!accepted.isEmpty() && !accepted.contains(key)) {
            chain.fail(exchange, Failure.of(Failure.Kind.AUTHENTICATION, "invalid_api_key",
                    "Incorrect API key provided."));
            return;
        }
        exchange.apiKey(key);
        chain.proceed(exchange);
    }

    static String presentedKey(HttpServerRequest request) {
        String authorization = request.getHeader("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String key = request.getHeader("x-api-key");
        return key != null ? key.trim() : trimmed(request.getHeader("api-key"));
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
