package dev.strait.core.deploy;

/**
 * A model provider account.
 *
 * @param apiVersion Azure's {@code api-version} or Anthropic's {@code anthropic-version}; null for others
 */
public record Provider(String name, ProviderKind kind, String apiVersion) {}
