package dev.strait.provenance.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizerTest {

    @Test
    void ignoresCasingMarkdownPunctuationAndWhitespace() {
        String plain = "The quick model improves the careful report.";
        String styled = "## THE **Quick**  model\n\n- improves _the_ `careful`   [report](https://example.com/x)!";
        assertThat(Normalizer.words(styled)).isEqualTo(Normalizer.words(plain))
                .containsExactly("the", "quick", "model", "improves", "the", "careful", "report");
    }

    @Test
    void foldsUnicodeCompatibilityFormsAndCase() {
        assertThat(Normalizer.normalize("Ｆｕｌｌ-width ﬁle STRASSE")).isEqualTo(Normalizer.normalize("full width file straße"));
    }

    @Test
    void dropsUrlsAndHtmlTags() {
        assertThat(Normalizer.words("see <b>this</b> at https://example.com/a?b=c now")).containsExactly("see", "this", "at", "now");
    }

    @Test
    void splitsIdeographsIntoOneWordEach() {
        assertThat(Normalizer.words("模型很好, ok")).containsExactly("模", "型", "很", "好", "ok");
    }
}
