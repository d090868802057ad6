package dev.strait.app.config;

import dev.strait.core.deploy.Catalog;
import dev.strait.core.deploy.Secret;
import dev.strait.gateway.GatewaySettings;
import java.nio.file.Path;

/**
 * A checked configuration, ready to serve.
 *
 * @param database an external PostgreSQL, or null for the embedded one
 * @param policyFile the market policy file, or null for the built-in policy
 */
public record StraitConfig(GatewaySettings settings, Catalog catalog, DatabaseSettings database, Path policyFile) {

    public record DatabaseSettings(String url, String user, Secret password) {}
}
