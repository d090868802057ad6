package dev.strait.gateway;

import java.time.Duration;
import java.util.Set;

/**
 * The data plane's own settings, already validated.
 *
 * @param accessKeys the API keys the gateway accepts; empty means any non-empty key (open mode,
 *     for the embedded demo until organizations and keys exist)
 * @param breakerFailures consecutive upstream failures that open a deployment's circuit
 * @param breakerOpenFor how long an open circuit keeps a deployment out of rotation
 */
public record GatewaySettings(
        String host,
        int port,
        String adminHost,
        int adminPort,
        int maxBodyBytes,
        int maxJsonDepth,
        Duration connectTimeout,
        Duration idleTimeout,
        int breakerFailures,
        Duration breakerOpenFor,
        Set<String> accessKeys) {

    public static GatewaySettings defaults() {
        return new GatewaySettings("127.0.0.1", 8080, "127.0.0.1", 8081, 4 * 1024 * 1024, 64,
                Duration.ofSeconds(5), Duration.ofSeconds(300), 5, Duration.ofSeconds(10), Set.of());
    }

    public GatewaySettings withPorts(int port, int adminPort) {
        return new GatewaySettings(host, port, adminHost, adminPort, maxBodyBytes, maxJsonDepth, connectTimeout,
                idleTimeout, breakerFailures, breakerOpenFor, accessKeys);
    }

    public GatewaySettings withAccessKeys(Set<String> keys) {
        return new GatewaySettings(host, port, adminHost, adminPort, maxBodyBytes, maxJsonDepth, connectTimeout,
                idleTimeout, breakerFailures, breakerOpenFor, Set.copyOf(keys));
    }

    public GatewaySettings withBreaker(int failures, Duration openFor) {
        return new GatewaySettings(host, port, adminHost, adminPort, maxBodyBytes, maxJsonDepth, connectTimeout,
                idleTimeout, failures, openFor, accessKeys);
    }

    public GatewaySettings withIdleTimeout(Duration idle) {
        return new GatewaySettings(host, port, adminHost, adminPort, maxBodyBytes, maxJsonDepth, connectTimeout,
                idle, breakerFailures, breakerOpenFor, accessKeys);
    }
}
