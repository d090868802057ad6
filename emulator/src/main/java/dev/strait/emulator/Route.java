package dev.strait.emulator;

import io.vertx.core.http.HttpMethod;
import java.util.function.BiConsumer;

/**
 * Which handler a request goes to and in which dialect it is answered. An unknown route keeps the
 * dialect its path suggests, so even the 404 looks like the provider the caller thinks it talks to.
 *
 * @param action      the handler and its path argument (model id), or null for an unknown route
 * @param deployment  the Azure deployment named in the path, else null
 * @param argument    the path argument passed to the action (a model id), else null
 * @param anyKey      accept any of the providers' auth headers (the models listing is shared)
 */
record Route(Dialect dialect, BiConsumer<Exchange, String> action, String deployment, String argument, boolean anyKey) {

    private static final String AZURE_PREFIX = "/openai/deployments/";

    interface Handlers {
        void chat(Exchange ex);

        void embeddings(Exchange ex);

        void messages(Exchange ex);

        void listModels(Exchange ex);

        void getModel(Exchange ex, String id);
    }

    boolean known() {
        return action != null;
    }

    boolean azure() {
        return dialect == Dialect.AZURE;
    }

    static Route resolve(HttpMethod method, String path, Handlers h) {
        boolean post = method == HttpMethod.POST;
        boolean get = method == HttpMethod.GET;
        if (post && path.equals("/v1/chat/completions")) {
            return new Route(Dialect.OPENAI, (ex, a) -> h.chat(ex), null, null, false);
        }
        if (post && path.equals("/v1/embeddings")) {
            return new Route(Dialect.OPENAI, (ex, a) -> h.embeddings(ex), null, null, false);
        }
        if (post && path.equals("/v1/messages")) {
            return new Route(Dialect.ANTHROPIC, (ex, a) -> h.messages(ex), null, null, false);
        }
        if (get && path.equals("/v1/models")) {
            return new Route(Dialect.OPENAI, (ex, a) -> h.listModels(ex), null, null, true);
        }
        if (get && path.startsWith("/v1/models/") && path.length() > "/v1/models/".length()) {
            return new Route(Dialect.OPENAI, h::getModel, null, path.substring("/v1/models/".length()), true);
        }
        if (post && path.startsWith(AZURE_PREFIX)) {
            String rest = path.substring(AZURE_PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String deployment = rest.substring(0, slash);
                String operation = rest.substring(slash);
                if (operation.equals("/chat/completions")) {
                    return new Route(Dialect.AZURE, (ex, a) -> h.chat(ex), deployment, null, false);
                }
                if (operation.equals("/embeddings")) {
                    return new Route(Dialect.AZURE, (ex, a) -> h.embeddings(ex), deployment, null, false);
                }
            }
        }
        Dialect dialect = path.startsWith("/openai/") ? Dialect.AZURE
                : path.startsWith("/v1/messages") ? Dialect.ANTHROPIC : Dialect.OPENAI;
        return new Route(dialect, null, null, null, false);
    }
}
