package dev.strait.screening.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityTest {

    @Test
    void jaroWinklerRewardsSharedPrefixes() {
        assertThat(Similarity.jaroWinkler("martha", "marhta")).isCloseTo(0.961, within(0.001));
        assertThat(Similarity.jaroWinkler("dixon", "dicksonx")).isCloseTo(0.813, within(0.001));
        assertThat(Similarity.jaroWinkler("abc", "abc")).isEqualTo(1.0);
        assertThat(Similarity.jaroWinkler("abc", "xyz")).isEqualTo(0.0);
    }

    @Test
    void editDistanceCountsASwapAsOneAndStopsPastTheLimit() {
        assertThat(Similarity.editDistance("manaure", "maanure", 2)).isEqualTo(1);
        assertThat(Similarity.editDistance("kitten", "sitting", 3)).isEqualTo(3);
        assertThat(Similarity.editDistance("kitten", "sitting", 1)).isEqualTo(2);
    }

    @Test
    void acceptsOneTypoInShortWordsTwoInLongOnesAndNoneInTheFirstLetterOfShortWords() {
        assertThat(Similarity.typo("cimez", "cimex")).isGreaterThan(0.9);
        assertThat(Similarity.typo("zephirya", "zephyria")).isGreaterThan(0.9);
        assertThat(Similarity.typo("nordwnid", "nordwind")).isGreaterThan(0.9);
        assertThat(Similarity.typo("bnc", "bmc")).isZero();
        assertThat(Similarity.typo("runze", "frunze")).isZero();
        assertThat(Similarity.typo("cedar", "cesar")).isGreaterThan(0);
        assertThat(Similarity.typo("quantex", "quintus")).isZero();
    }
}
