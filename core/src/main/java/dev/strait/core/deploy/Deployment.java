package dev.strait.core.deploy;

import java.net.URI;

/**
 * One place a model can be served from: a provider endpoint in a region.
 *
 * @param model the public model name clients ask for
 * @param upstreamModel the name the provider knows it by (Azure: the deployment name)
 * @param priority lower is tried first; equal priorities share traffic by {@code weight}
 * @param maxOutputTokens used where a provider needs a limit the caller did not give (Anthropic)
 */
public record Deployment(
        String name,
        String model,
        Provider provider,
        URI endpoint,
        String region,
        Secret credential,
        String upstreamModel,
        int priority,
        int weight,
        int maxOutputTokens) {

    public Deployment {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1");
        }
    }
}
