package dev.strait.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.strait.core.policy.Policy;
import dev.strait.core.usage.PriceBook;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Coverage-guided fuzzing of the YAML configuration, policy and price loaders. The suite replays
 * {@code ConfigParsingFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes. Invariant: any text is either
 * a sealed value or a {@link ConfigException} naming the file; nothing else escapes, so a bad
 * file or a bad reload is refused with a message and never takes the node down.
 */
class ConfigParsingFuzzTest {

    private static final ConfigLoader CONFIG = new ConfigLoader(Map.of("OPENAI_API_KEY", "sk-fuzz",
            "STRAIT_EMULATOR_URL", "http://127.0.0.1:9999"));
    private static final PolicyLoader POLICY = new PolicyLoader(Set.of("us-east", "eu-west", "singapore"));
    private static final PriceLoader PRICES = new PriceLoader();

    @FuzzTest(maxDuration = "2h")
    void anyConfigurationTextIsSealedOrRefusedWithItsFileNamed(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            StraitConfig config = CONFIG.parse("strait.yaml", text);
            assertThat(config.catalog().deployments()).isNotEmpty();
            assertThat(config.settings()).isNotNull();
        } catch (ConfigException refused) {
            assertThat(refused.getMessage()).contains("strait.yaml");
        }
    }

    @FuzzTest(maxDuration = "2h")
    void anyPolicyTextIsSealedOrRefusedWithItsFileNamed(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Policy policy = POLICY.parse("policy.yaml", text);
            assertThat(policy).isNotNull();
        } catch (ConfigException refused) {
            assertThat(refused.getMessage()).contains("policy.yaml");
        }
    }

    @FuzzTest(maxDuration = "2h")
    void anyPriceBookTextIsSealedOrRefusedWithItsFileNamed(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            PriceBook prices = PRICES.parse("prices.yaml", text);
            assertThat(prices).isNotNull();
        } catch (ConfigException refused) {
            assertThat(refused.getMessage()).contains("prices.yaml");
        }
    }
}
