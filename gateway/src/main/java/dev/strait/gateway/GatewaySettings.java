package dev.strait.gateway;

import java.time.Duration;
import dev.strait.core.deploy.Secret;

/**
 * The data plane's own settings, already validated.
 *
 * @param adminToken the bearer token the admin API demands; without one the admin API is closed
 * @param breakerFailures consecutive upstream failures that open a deployment's circuit
 * @param breakerOpenFor how long an open circuit keeps a deployment out of rotation
 * @param authFailuresPerMinute failed authentications one address may make in a minute before it is refused
 * @param tls the certificate and key both listeners serve over TLS; null serves plain HTTP
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
        Secret adminToken,
        int authFailuresPerMinute,
        ListenerTls tls) {

    public static GatewaySettings defaults() {
        return new GatewaySettings("127.0.0.1", 8080, "127.0.0.1", 8081, 4 * 1024 * 1024, 64,
                Duration.ofSeconds(5), Duration.ofSeconds(300), 5, Duration.ofSeconds(10), Secret.NONE, 30, null);
    }

    public GatewaySettings withPorts(int port, int adminPort) {
        return new GatewaySettings(host, port, adminHost, adminPort, maxBodyBytes, maxJsonDepth, connectTimeout,
                idleTimeout, breakerFailures, breakerOpenFor, adminToken, authFailuresPerMinute, tls);
    }

    public GatewaySettings withAdminToken(Secret token) {
        return new GatewaySettings(host, port, adminHost, adminPort, maxBodyBytes, maxJsonDepth, connectTimeout,
                idleTimeout, breakerFailures, breakerOpenFor, token, authFailuresPerMinute, tls);
    }

    public GatewaySettings withBreaker(int failures, Duration openFor) {
        return new GatewaySettings(host, port, adminHost, adminPort, maxBodyBytes, maxJsonDepth, connectTimeout,
                idleTimeout, failures, openFor, adminToken, authFailuresPerMinute, tls);
    }

    public GatewaySettings withAuthFailuresPerMinute(int perMinute) {
        return new GatewaySettings(host, port, adminHost, adminPort, maxBodyBytes, maxJsonDepth, connectTimeout,
                idleTimeout, breakerFailures, breakerOpenFor, adminToken, perMinute, tls);
    }

    public GatewaySettings withIdleTimeout(Duration idle) {
        return new GatewaySettings(host, port, adminHost, adminPort, maxBodyBytes, maxJsonDepth, connectTimeout,
                idle, breakerFailures, breakerOpenFor, adminToken, authFailuresPerMinute, tls);
    }

    public GatewaySettings withTls(ListenerTls files) {
        return new GatewaySettings(host, port, adminHost, adminPort, maxBodyBytes, maxJsonDepth, connectTimeout,
                idleTimeout, breakerFailures, breakerOpenFor, adminToken, authFailuresPerMinute, files);
    }
}
