package dev.strait.app.config;

import dev.strait.core.deploy.Catalog;
import dev.strait.gateway.GatewaySettings;

/** A checked configuration, ready to serve. */
public record StraitConfig(GatewaySettings settings, Catalog catalog) {}
