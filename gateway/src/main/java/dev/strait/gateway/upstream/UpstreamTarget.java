package dev.strait.gateway.upstream;

import dev.strait.core.deploy.Deployment;
import dev.strait.gateway.front.Endpoint;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;

/** Where and how to call a deployment: each provider's URL layout and credential header. */
final class UpstreamTarget {

    static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";
    static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

    private UpstreamTarget() {}

    static RequestOptions options(Deployment d, Endpoint endpoint, boolean stream) {
        String base = trimSlash(d.endpoint().toString());
        String operation = endpoint == Endpoint.EMBEDDINGS ? "/embeddings" : "/chat/completions";
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .putHeader("content-type", "application/json")
                .putHeader("accept", stream ? "text/event-stream" : "application/json")
                .putHeader("user-agent", "strait/0.1");
        if (d.provider().caFile() != null && "https".equalsIgnoreCase(d.endpoint().getScheme())) {
            options.setSslOptions(trusting(d.provider().caFile()));
        }
        String secret = d.credential().value();
        switch (d.provider().kind()) {
            case OPENAI, OPENAI_COMPATIBLE -> {
                options.setAbsoluteURI(base + operation);
                if (!secret.isEmpty()) {
                    options.putHeader("authorization", "Bearer " + secret);
                }
            }
            case AZURE_OPENAI -> {
                String version = d.provider().apiVersion() != null ? d.provider().apiVersion() : DEFAULT_AZURE_API_VERSION;
                options.setAbsoluteURI(base + "/openai/deployments/" + d.upstreamModel() + operation + "?api-version=" + version);
                if (!secret.isEmpty()) {
                    options.putHeader("api-key", secret);
                }
            }
            case ANTHROPIC -> {
                options.setAbsoluteURI(base + "/messages");
                options.putHeader("anthropic-version",
                        d.provider().apiVersion() != null ? d.provider().apiVersion() : DEFAULT_ANTHROPIC_VERSION);
                if (!secret.isEmpty()) {
                    options.putHeader("x-api-key", secret);
                }
            }
        }
        return options;
    }

    /**
     * TLS that trusts only the provider's own certificates. Names are checked as HTTPS does (RFC 2818):
     * there is no setting that turns verification off, so a misconfiguration cannot silently do so.
     */
    static ClientSSLOptions trusting(java.nio.file.Path caFile) {
        return new ClientSSLOptions().setTrustAll(false).setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(new PemTrustOptions().addCertPath(caFile.toString()));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
