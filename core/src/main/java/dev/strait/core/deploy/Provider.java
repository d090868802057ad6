package dev.strait.core.deploy;

import java.nio.file.Path;

/**
 * A model provider account.
 *
 * @param apiVersion Azure's {@code api-version} or Anthropic's {@code anthropic-version}; null for others
 * @param caFile PEM certificates that this provider's {@code https} endpoints must chain to, instead of the
 *     system's trust store; null trusts the system's. Certificates are always verified, names always checked.
 */
public record Provider(String name, ProviderKind kind, String apiVersion, Path caFile) {

    public Provider(String name, ProviderKind kind, String apiVersion) {
        this(name, kind, apiVersion, null);
    }
}
