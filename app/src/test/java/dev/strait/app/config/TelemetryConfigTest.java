package dev.strait.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TelemetryConfigTest {

    final ConfigLoader loader = new ConfigLoader(ConfigLoaderTest.ENV);

    @Test
    void tracesAreOffUnlessAnEndpointIsConfigured() {
        assertThat(loader.parse("strait.yaml", ConfigLoaderTest.VALID).telemetry().enabled()).isFalse();
        assertThat(loader.loadDefault().telemetry().enabled()).isFalse();
    }

    @Test
    void readsTheCollectorEndpointSampleRatioAndServiceName() {
        var telemetry = loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                telemetry:
                  otlp_endpoint: http://otel-collector:4318
                  sample_ratio: 0.1
                  service_name: strait-eu
                """).telemetry();

        assertThat(telemetry.enabled()).isTrue();
        assertThat(telemetry.tracesUrl()).isEqualTo("http://otel-collector:4318/v1/traces");
        assertThat(telemetry.sampleRatio()).isEqualTo(0.1);
        assertThat(telemetry.serviceName()).isEqualTo("strait-eu");
    }

    @Test
    void rejectsARatioOutsideZeroToOneAndUnknownKeysNamingTheLine() {
        assertThatThrownBy(() -> loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                telemetry:
                  otlp_endpoint: http://otel-collector:4318
                  sample_ratio: 1.5
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("sample_ratio");
        assertThatThrownBy(() -> loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                telemetry:
                  otlp_endpoint: http://otel-collector:4318
                  export_prompts: true
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("export_prompts");
        assertThatThrownBy(() -> loader.parse("strait.yaml", ConfigLoaderTest.VALID + """
                telemetry:
                  sample_ratio: 0.5
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("otlp_endpoint");
    }
}
