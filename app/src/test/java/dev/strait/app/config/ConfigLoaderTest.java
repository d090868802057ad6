package dev.strait.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strait.core.deploy.Deployment;
import dev.strait.core.deploy.ProviderKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    static final Map<String, String> ENV = Map.of("STRAIT_EMULATOR_URL", "http://127.0.0.1:9999",
            "OPENAI_API_KEY", "sk-real-secret", "STRAIT_EMULATOR_KEY", "emulator-key");

    final ConfigLoader loader = new ConfigLoader(ENV);

    static final String VALID = """
            server:
              listen: 0.0.0.0:9000
              circuit_breaker:
                failures: 3
                open_for: 30s
            providers:
              - name: openai
                kind: openai
              - name: claude
                kind: anthropic
            deployments:
              - name: oa-us
                model: gpt-4o
                provider: openai
                endpoint: https://api.openai.com/v1
                region: us-east
                credential: ${OPENAI_API_KEY}
                priority: 1
                weight: 3
              - name: claude-us
                model: claude-sonnet-4-5
                provider: claude
                endpoint: ${STRAIT_EMULATOR_URL}/v1
                region: us-east
            aliases:
              gpt4: gpt-4o
            """;

    @Test
    void loadsAValidConfigurationWithSecretsFromTheEnvironment() {
        StraitConfig config = loader.parse("strait.yaml", VALID);

        assertThat(config.settings().host()).isEqualTo("0.0.0.0");
        assertThat(config.settings().port()).isEqualTo(9000);
        assertThat(config.settings().breakerFailures()).isEqualTo(3);
        assertThat(config.settings().breakerOpenFor()).isEqualTo(Duration.ofSeconds(30));
        Deployment openai = config.catalog().deploymentsOf("gpt-4o").getFirst();
        assertThat(openai.credential().value()).isEqualTo("sk-real-secret");
        assertThat(openai.credential().toString()).doesNotContain("sk-real-secret");
        assertThat(openai.weight()).isEqualTo(3);
        assertThat(config.catalog().deploymentsOf("claude-sonnet-4-5").getFirst().endpoint().toString())
                .isEqualTo("http://127.0.0.1:9999/v1");
        assertThat(config.catalog().deploymentsOf("claude-sonnet-4-5").getFirst().provider().kind())
                .isEqualTo(ProviderKind.ANTHROPIC);
        assertThat(config.catalog().resolve("gpt4")).hasValue("gpt-4o");
    }

    @Test
    void theBuiltInConfigurationLoads() {
        StraitConfig config = loader.loadDefault();

        assertThat(config.catalog().models()).contains("gpt-4o", "claude-sonnet-4-5", "deepseek-chat",
                "text-embedding-3-small");
        assertThat(config.catalog().deployments()).allSatisfy(
                d -> assertThat(d.endpoint().toString()).startsWith("http://127.0.0.1:9999"));
    }

    @Test
    void anUnknownKeyIsRejectedWithFileLineAndField() {
        String bad = VALID.replace("    region: us-east\n    credential", "    region: us-east\n    regoin: x\n    credential");

        assertThatThrownBy(() -> loader.parse("strait.yaml", bad))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).isEqualTo("strait.yaml");
                    assertThat(e.line()).isEqualTo(17);
                    assertThat(e.field()).isEqualTo("deployments[0].regoin");
                    assertThat(e.getMessage()).startsWith("strait.yaml:17: deployments[0].regoin: unknown field");
                });
    }

    @Test
    void aMissingFieldNamesTheEntryThatLacksIt() {
        String bad = VALID.replace("    region: us-east\n    credential", "    credential");

        assertThatThrownBy(() -> loader.parse("strait.yaml", bad))
                .hasMessageStartingWith("strait.yaml:12: deployments[0]: missing required field 'region'");
    }

    @Test
    void aLiteralCredentialIsRefused() {
        String bad = VALID.replace("${OPENAI_API_KEY}", "sk-pasted-in-the-file");

        assertThatThrownBy(() -> loader.parse("strait.yaml", bad))
                .hasMessageContaining("deployments[0].credential")
                .hasMessageContaining("environment reference")
                .hasMessageNotContaining("sk-pasted-in-the-file");
    }

    @Test
    void anUnsetVariableIsNamed() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("strait.yaml", VALID))
                .hasMessageContaining("${OPENAI_API_KEY}").hasMessageContaining("not set");
    }

    @Test
    void badValuesNameTheirLineAndField() {
        assertThatThrownBy(() -> loader.parse("s.yaml", VALID.replace("kind: anthropic", "kind: gemini")))
                .hasMessageStartingWith("s.yaml:10: providers[1].kind: unknown provider kind 'gemini'");
        assertThatThrownBy(() -> loader.parse("s.yaml", VALID.replace("weight: 3", "weight: heavy")))
                .hasMessageStartingWith("s.yaml:19: deployments[0].weight: must be a whole number");
        assertThatThrownBy(() -> loader.parse("s.yaml", VALID.replace("open_for: 30s", "open_for: soon")))
                .hasMessageStartingWith("s.yaml:5: server.circuit_breaker.open_for: must be a duration");
        assertThatThrownBy(() -> loader.parse("s.yaml", VALID.replace("provider: claude", "provider: nobody")))
                .hasMessageContaining("deployments[1].provider: no provider named 'nobody'");
        assertThatThrownBy(() -> loader.parse("s.yaml", VALID.replace("gpt4: gpt-4o", "gpt4: gpt-5")))
                .hasMessageContaining("aliases.gpt4: alias points at model 'gpt-5'");
        assertThatThrownBy(() -> loader.parse("s.yaml", VALID.replace("https://api.openai.com/v1", "ftp://x")))
                .hasMessageContaining("deployments[0].endpoint: must be an http:// or https:// URL");
    }

    @Test
    void brokenYamlSyntaxNamesTheLine() {
        assertThatThrownBy(() -> loader.parse("s.yaml", "server:\n  listen: [unclosed\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.line()).isGreaterThan(1));
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> loader.parse("s.yaml", VALID.replace("  listen: 0.0.0.0:9000\n",
                "  listen: 0.0.0.0:9000\n  listen: 0.0.0.0:9001\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listen");
    }

    @Test
    void limitsCountInMemoryUnlessRedisIsConfigured() {
        assertThat(loader.parse("strait.yaml", VALID).limits()).isEqualTo(StraitConfig.LimitsSettings.MEMORY);

        StraitConfig.LimitsSettings redis = loader.parse("strait.yaml", VALID + """
                limits:
                  store: redis
                  redis_url: redis://10.0.0.5:6379
                  on_redis_unavailable: open
                  redis_timeout: 100ms
                """).limits();

        assertThat(redis.redisUrl()).isEqualTo("redis://10.0.0.5:6379");
        assertThat(redis.failOpen()).isTrue();
        assertThat(redis.redisTimeout()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void badLimitsSettingsNameTheirLineAndField() {
        assertThatThrownBy(() -> loader.parse("strait.yaml", VALID + """
                limits:
                  store: redis
                  redis_url: http://10.0.0.5
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("strait.yaml")
                .hasMessageContaining("limits.redis_url").hasMessageContaining("redis://");
        assertThatThrownBy(() -> loader.parse("strait.yaml", VALID + """
                limits:
                  on_redis_unavailable: maybe
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("'open'");
    }


    @Test
    void monitoringLaddersAndModelReleaseDatesComeFromTheConfiguration() {
        StraitConfig config = loader.parse("strait.yaml", VALID + """
                monitoring:
                  enforce: review_only
                  ladders:
                    strict: {watch: 0.1, review: 0.2, throttle: 0.4, suspend: 0.6}
                    standard: {suspend: 0.97}
                  model_releases:
                    gpt-4o: 2024-05-13
                """);

        var monitoring = config.monitoring();
        assertThat(monitoring.enforcement().automatic()).isFalse();
        assertThat(monitoring.ladders().get("strict").level(0.45).id()).isEqualTo("throttle");
        assertThat(monitoring.ladders().get("standard").suspend()).isEqualTo(0.97);
        assertThat(monitoring.ladders().get("standard").review()).isEqualTo(0.45); // the built-in one kept
        assertThat(monitoring.ladders().get("elevated").tier()).isEqualTo("elevated");
        assertThat(monitoring.models().releasedOn("gpt-4o")).contains(java.time.LocalDate.of(2024, 5, 13));
        assertThat(monitoring.engineConfig().ladderFor("XX").suspend()).isEqualTo(0.97);
    }

    @Test
    void aLadderThatDoesNotRiseOrAnUnknownTierIsRefusedWithItsField() {
        assertThatThrownBy(() -> loader.parse("strait.yaml", VALID + """
                monitoring:
                  ladders:
                    standard: {review: 0.8, throttle: 0.7}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("monitoring.ladders.standard")
                .hasMessageContaining("must rise");
        assertThatThrownBy(() -> loader.parse("strait.yaml", VALID + """
                monitoring:
                  ladders:
                    lenient: {watch: 0.5}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("not a scrutiny tier");
        assertThatThrownBy(() -> loader.parse("strait.yaml", VALID + """
                monitoring:
                  model_releases:
                    gpt-4o: last tuesday
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("monitoring.model_releases.gpt-4o");
    }

    @Test
    void tlsFilesAndAProvidersCaFileAreReadRelativeToTheConfigurationFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        for (String name : new String[] {"gateway.crt", "gateway.key", "provider-ca.pem"}) {
            java.nio.file.Files.writeString(dir.resolve(name), "-----BEGIN CERTIFICATE-----\n");
        }
        java.nio.file.Path file = dir.resolve("strait.yaml");
        java.nio.file.Files.writeString(file, VALID
                .replace("  listen: 0.0.0.0:9000\n", "  listen: 0.0.0.0:9000\n  tls:\n    cert: gateway.crt\n    key: gateway.key\n")
                .replace("    kind: anthropic\n", "    kind: anthropic\n    ca_file: provider-ca.pem\n"));

        StraitConfig config = loader.load(file);

        assertThat(config.settings().tls().cert()).isEqualTo(dir.resolve("gateway.crt").toAbsolutePath());
        assertThat(config.settings().tls().key()).isEqualTo(dir.resolve("gateway.key").toAbsolutePath());
        Deployment claude = config.catalog().deployments().stream().filter(d -> d.name().equals("claude-us")).findFirst()
                .orElseThrow();
        assertThat(claude.provider().caFile()).isEqualTo(dir.resolve("provider-ca.pem").toAbsolutePath());
        assertThat(loader.parse("s.yaml", VALID).settings().tls()).as("TLS is optional").isNull();
    }

    @Test
    void certificateVerificationCannotBeTurnedOffAndMissingTlsFilesAreNamed() {
        for (String off : new String[] {"verify: false", "insecure: true", "tls_verify: false", "trust_all: true"}) {
            assertThatThrownBy(() -> loader.parse("s.yaml", VALID.replace("    kind: anthropic\n",
                    "    kind: anthropic\n    " + off + "\n")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining(off.substring(0, off.indexOf(':')));
        }
        assertThatThrownBy(() -> loader.parse("s.yaml", VALID.replace("  listen: 0.0.0.0:9000\n",
                "  listen: 0.0.0.0:9000\n  tls:\n    cert: /nonexistent/gateway.crt\n    key: /nonexistent/gateway.key\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.tls.cert")
                .hasMessageContaining("/nonexistent/gateway.crt");
    }

    @Test
    void anEmptyDocumentIsRefusedWithAMessageNotACrash() {
        // Found by ConfigParsingFuzzTest: an empty YAML document threw a NullPointerException.
        for (String empty : new String[] {"", "---\n...\n", "# only a comment\n"}) {
            assertThatThrownBy(() -> loader.parse("strait.yaml", empty)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("strait.yaml");
        }
    }
}
