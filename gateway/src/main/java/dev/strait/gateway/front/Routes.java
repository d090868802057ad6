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
                case "/v1/responses", "/responses":
                    return Optional.of(new Route(Endpoint.RESPONSES, Dialect.OPENAI, null, "/v1/responses"));
                case "/v1/completions", "/completions":
                    return Optional.of(new Route(Endpoint.COMPLETIONS, Dialect.OPENAI, null, "/v1/completions"));
                case "/v1/messages/count_tokens":
                    return Optional.of(new Route(Endpoint.COUNT_TOKENS, Dialect.ANTHROPIC, null,
                            "/v1/messages/count_tokens"));
                case "/v1/files":
                    return Optional.of(new Route(Endpoint.FILES, Dialect.OPENAI, "", "/v1/files"));
                case "/v1/batches":
                    return Optional.of(new Route(Endpoint.BATCHES, Dialect.OPENAI, "", "/v1/batches"));
                default:
                    String cancel = after(path, "/v1/batches/");
                    if (cancel != null && cancel.endsWith("/cancel") && cancel.indexOf('/') == cancel.length() - 7) {
                        return Optional.of(new Route(Endpoint.BATCHES, Dialect.OPENAI, cancel, "/v1/batches/{id}/cancel"));
                    }
                    return azure(path);
            }
        }
        if (method == HttpMethod.GET || method == HttpMethod.DELETE) {
            String response = after(path, "/v1/responses/");
            if (response != null && !response.isEmpty() && response.indexOf('/') < 0) {
                return Optional.of(new Route(Endpoint.STORED_RESPONSE, Dialect.OPENAI, response, "/v1/responses/{id}"));
            }
        }
        if (method == HttpMethod.GET) {
            if (path.equals("/v1/batches") || path.equals("/v1/files")) {
                return Optional.of(new Route(path.equals("/v1/files") ? Endpoint.FILES : Endpoint.BATCHES,
                        Dialect.OPENAI, "", path));
            }
            String file = after(path, "/v1/files/");
            if (file != null && !file.isEmpty()) {
                return Optional.of(new Route(Endpoint.FILES, Dialect.OPENAI, file,
                        file.endsWith("/content") ? "/v1/files/{id}/content" : "/v1/files/{id}"));
            }
            String batch = after(path, "/v1/batches/");
            if (batch != null && !batch.isEmpty() && batch.indexOf('/') < 0) {
                return Optional.of(new Route(Endpoint.BATCHES, Dialect.OPENAI, batch, "/v1/batches/{id}"));
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
                || path.equals("/v1/models") || path.startsWith("/v1/models/") || azure(path).isPresent()
                || path.equals("/v1/responses") || path.startsWith("/v1/responses/") || path.equals("/v1/completions")
                || path.equals("/v1/messages/count_tokens") || path.equals("/v1/files") || path.startsWith("/v1/files/")
                || path.equals("/v1/batches") || path.startsWith("/v1/batches/");
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
