package dev.strait.screening.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of name normalisation, the first thing screening does with a name a
 * customer typed. The suite replays {@code NormalizerFuzzTestInputs/}; {@code bench/fuzz.sh} fuzzes.
 * Invariants: any text (any script, broken surrogates, control characters) normalises without an
 * exception, the same way twice, into tokens that are non-empty and hold no whitespace.
 */
class NormalizerFuzzTest {

    private static final Normalizer NORMALIZER = new Normalizer(new Lexicon());

    @FuzzTest(maxDuration = "2h")
    void anyNameNormalisesDeterministicallyIntoCleanTokens(byte[] input) {
        String name = new String(input, StandardCharsets.UTF_8);

        List<NameForm> forms = NORMALIZER.forms(name);

        assertThat(forms).isNotEmpty().isEqualTo(NORMALIZER.forms(name));
        for (NameForm form : forms) {
            for (String token : form.tokens()) {
                assertThat(token).isNotEmpty().doesNotContainAnyWhitespaces();
                assertThat(NORMALIZER.fold(token)).as("folding is idempotent").isEqualTo(token);
            }
        }
    }
}
