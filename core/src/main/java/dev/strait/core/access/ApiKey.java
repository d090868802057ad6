package dev.strait.core.access;

import java.time.Instant;
import java.util.Set;

/**
 * A stored API key: never the secret, only its SHA-256, found by the public prefix.
 *
 * @param projectId the project the key is bound to, or null for the organization as a whole
 * @param models the models the key may call; empty means every model the organization may use
 * @param expiresAt null for a key that does not expire
 * @param revokedAt null while the key is live
 */
public record ApiKey(
        String id,
        String prefix,
        String secretHash,
        String orgId,
        String projectId,
        String name,
        Set<String> models,
        Instant expiresAt,
        Instant revokedAt,
        Instant createdAt) {

    public ApiKey {
        models = Set.copyOf(models);
    }

    public boolean allowsModel(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
