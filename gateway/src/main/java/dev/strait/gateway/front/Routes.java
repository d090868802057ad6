package dev.strait.gateway.front;

import io.vertx.core.http.HttpMethod;
import java.util.Optional;

/** The client-facing routes, matched without regular expressions: this runs on every request. */
public final class Routes {

    private static final String AZURE_PREFIX = "/openai/deployments/";

    private Routes() {}

    /** Empty when nothing is at that path; {@link #knownPath} then tells 404 from 405. */
    public static Optional<Route> match(HttpMethod method, String path, boolean anthropicClient) {
        if (method == HttpMethod.POST) {
            switch (path) {
                case "/v1/chat/completions", "/chat/completions":
                    return Optional.of(new Route(Endpoint.CHAT, Dialect.OPENAI, null, "/v1/chat/completions"));
                case "/v1/embeddings", "/embeddings":
                    return Optional.of(new Route(Endpoint.EMBEDDINGS, Dialect.OPENAI, null, "/v1/embeddings"));
                case "/v1/messages":
                    return Optional.of(new Route(Endpoint.MESSAGES, Dialect.ANTHROPIC, null, "/v1/messages"));
                default:
                    return azure(path);
            }
        }
        if (method == HttpMethod.GET) {
            Dialect dialect = anthropicClient ? Dialect.ANTHROPIC : Dialect.OPENAI;
            if (path.equals("/v1/models") || path.equals("/models")) {
                return Optional.of(new Route(Endpoint.LIST_MODELS, dialect, null, "/v1/models"));
            }
            String id = after(path, "/v1/models/");
            if (id != null && !id.isEmpty()) {
                return Optional.of(new Route(Endpoint.GET_MODEL, dialect, id, "/v1/models/{id}"));
            }
        }
        return Optional.empty();
    }

    public static boolean knownPath(String path) {
        return path.equals("/v1/chat/completions") || path.equals("/v1/embeddings") || path.equals("/v1/messages")
                || path.equals("/v1/models") || path.startsWith("/v1/models/") || azure(path).isPresent();
    }

    private static Optional<Route> azure(String path) {
        String rest = after(path, AZURE_PREFIX);
        if (rest == null) {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String deployment = rest.substring(0, slash);
        return switch (rest.substring(slash)) {
            case "/chat/completions" -> Optional.of(new Route(
                    Endpoint.CHAT, Dialect.AZURE, deployment, "/openai/deployments/{deployment}/chat/completions"));
            case "/embeddings" -> Optional.of(new Route(
                    Endpoint.EMBEDDINGS, Dialect.AZURE, deployment, "/openai/deployments/{deployment}/embeddings"));
            default -> Optional.empty();
        };
    }

    private static String after(String path, String prefix) {
        return path.startsWith(prefix) ? path.substring(prefix.length()) : null;
    }
}
