package dev.strait.provenance.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.provenance.testing.Prose;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignatureSchemeTest {

    private final SignatureScheme scheme = new SignatureScheme();

    @Test
    void keepsBetween32And48FingerprintsByHashValue() {
        Prose prose = new Prose(1);
        Signature shortOne = scheme.sign(prose.completion(3));
        Signature longOne = scheme.sign(prose.completion(60));
        assertThat(shortOne.fingerprints()).hasSize(32);
        assertThat(longOne.fingerprints()).hasSize(48);
        assertThat(shortOne.version()).isEqualTo(SignatureScheme.VERSION);
        assertThat(scheme.sign("Three words only").fingerprints()).hasSize(1);
        assertThat(scheme.sign("").fingerprints()).isEmpty();
    }

    @Test
    void isUnchangedByStyleAndFoundInEveryProbeOfTheSameWords() {
        String text = new Prose(2).completion(10);
        Signature signature = scheme.sign(text);
        Signature restyled = scheme.sign(text.toUpperCase().replace(" ", "  \n").replace(".", "!"));
        assertThat(restyled.fingerprints()).isEqualTo(signature.fingerprints());
        int[] probed = scheme.probe(text).fingerprints();
        assertThat(Arrays.stream(signature.fingerprints()).allMatch(fp -> Arrays.binarySearch(probed, fp) >= 0)).isTrue();
    }

    @Test
    void minHashEstimatesResemblance() {
        Prose prose = new Prose(3);
        String text = prose.completion(20);
        Signature a = scheme.sign(text);
        assertThat(a.resemblance(scheme.sign(text).minHash())).isEqualTo(1.0);
        assertThat(a.resemblance(scheme.sign(prose.completion(20)).minHash())).isLessThan(0.1);
        assertThat(a.resemblance(scheme.sign(prose.editWords(text, 0.03)).minHash())).isBetween(0.5, 0.99);
    }
}
