package dev.strait.gateway.telemetry;

import java.net.URI;

/**
 * Where request traces go (OTLP over HTTP, protobuf), and how many. Off unless an endpoint is given.
 *
 * @param otlpEndpoint the collector's base URL ({@code http://collector:4318}; {@code /v1/traces}
 *     is added unless already there), or null for no tracing
 * @param sampleRatio the share of traces kept, in [0, 1], for requests that carry no sampled parent
 * @param serviceName {@code service.name} of the spans' resource
 */
public record TelemetrySettings(URI otlpEndpoint, double sampleRatio, String serviceName) {

    public static final TelemetrySettings OFF = new TelemetrySettings(null, 1.0, "strait");

    public TelemetrySettings {
        if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
            throw new IllegalArgumentException("sample ratio must be in [0, 1]: " + sampleRatio);
        }
    }

    public boolean enabled() {
        return otlpEndpoint != null;
    }

    /** The traces endpoint itself. */
    public String tracesUrl() {
        String base = otlpEndpoint.toString();
        if (base.endsWith("/v1/traces")) {
            return base;
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
    }
}
