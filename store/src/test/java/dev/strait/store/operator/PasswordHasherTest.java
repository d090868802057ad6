package dev.strait.store.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    final PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS, new SecureRandom());

    @Test
    void aPasswordMatchesItsHashAndNoOtherPasswordDoes() {
        String hash = hasher.hash("correct horse battery".toCharArray());
        assertThat(hasher.matches("correct horse battery".toCharArray(), hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY".toCharArray(), hash)).isFalse();
        assertThat(hasher.matches("".toCharArray(), hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSaltAndCarriesItsWorkFactorButNeverThePassword() {
        String a = hasher.hash("same password!".toCharArray());
        String b = hasher.hash("same password!".toCharArray());
        assertThat(a).isNotEqualTo(b).startsWith("pbkdf2-sha256$600000$").doesNotContain("same password");
        assertThat(a.split("\\$")).hasSize(4);
    }

    @Test
    void aHashMadeWithAnotherWorkFactorStillVerifies() {
        String older = new PasswordHasher(20_000, new SecureRandom()).hash("rotated later".toCharArray());
        assertThat(hasher.matches("rotated later".toCharArray(), older)).isTrue();
    }

    @Test
    void anAlteredHashOrAnUnknownSchemeNeverMatches() {
        String hash = hasher.hash("tamper proof".toCharArray());
        String[] parts = hash.split("\\$");
        String otherSalt = parts[0] + "$" + parts[1] + "$" + "AAAAAAAAAAAAAAAAAAAAAA" + "$" + parts[3];
        assertThat(hasher.matches("tamper proof".toCharArray(), otherSalt)).isFalse();
        assertThat(hasher.matches("tamper proof".toCharArray(), hash.replace("pbkdf2-sha256", "md5"))).isFalse();
        assertThatThrownBy(() -> new PasswordHasher(1_000, new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
    }
}
