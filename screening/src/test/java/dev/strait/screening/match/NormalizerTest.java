package dev.strait.screening.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private final Normalizer normalizer = new Normalizer(new Lexicon());

    private List<String> tokens(String name) {
        return normalizer.forms(name).get(0).tokens();
    }

    @Test
    void foldsCasePunctuationAccentsAndWidth() {
        assertThat(tokens("SOCIÉTÉ Éclair d'Armement")).containsExactly("societe", "eclair", "darmement");
        assertThat(tokens("ＥＣＬＡＩＲ　Ｄ’ＡＲＭＥＭＥＮＴ")).containsExactly("eclair", "darmement");
        assertThat(tokens("Müller-Straße & Søn")).containsExactly("muller", "strasse", "and", "son");
        assertThat(tokens("A.C. International")).containsExactly("ac", "international");
        // A Windows-1252 apostrophe decoded as Latin-1 (as in one real Entity List name).
        assertThat(tokens("Gui\u0092an New District")).containsExactly("guian", "new", "district");
        assertThat(tokens("CETC 13th Research Institute")).containsExactly("cetc", "13", "research", "institute");
    }

    @Test
    void stripsLegalFormsInManyLanguages() {
        assertThat(tokens("Nordwind Spedition GmbH & Co. KG")).containsExactly("nordwind", "spedition");
        assertThat(tokens("Comercial Domely, S.A. de C.V.")).containsExactly("comercial", "domely");
        assertThat(tokens("Mi Fel, S. de R.L. de C.V.")).containsExactly("mi", "fel");
        assertThat(tokens("OOO Romashka")).containsExactly("romashka");
        assertThat(tokens("PJSC Volgaprombank")).containsExactly("volgaprombank");
        assertThat(tokens("Public Joint Stock Company Volgaprombank")).containsExactly("volgaprombank");
        assertThat(tokens("Kestrel Holdings Sdn. Bhd.")).containsExactly("kestrel");
        assertThat(tokens("Zephyria Pte. Ltd.")).containsExactly("zephyria");
        assertThat(tokens("Ravenna Impianti S.p.A.")).containsExactly("ravenna", "impianti");
        assertThat(tokens("Kalkan Makina San. ve Tic. Ltd. Şti.")).containsExactly("kalkan", "makina");
        assertThat(tokens("Huaxia Zhongheng Keji Youxian Gongsi")).containsExactly("huaxia", "zhongheng", "technology");
        assertThat(normalizer.forms("Zephyria Navigation Co., Ltd.").get(0).legalForms()).containsExactly("co", "ltd");
        // Never strips a name down to nothing.
        assertThat(tokens("Limited")).containsExactly("limited");
    }

    @Test
    void foldsPluralsAndSynonymsOnlyOntoWordsTheLexiconKnows() {
        assertThat(tokens("Quantex Technologies Intl")).containsExactly("quantex", "technology", "international");
        assertThat(tokens("Fajr Industries")).containsExactly("fajr", "industrial");
        assertThat(tokens("Santos Geiges")).containsExactly("santos", "geiges");
    }

    @Test
    void romanisesChineseTwoWaysCompanyWordsTranslatedAndPinyinSyllables() {
        List<NameForm> forms = normalizer.forms("华夏中恒科技有限公司");
        assertThat(forms).hasSize(2);
        assertThat(forms.get(0).tokens()).containsExactly("huaxiazhongheng", "technology");
        assertThat(forms.get(0).transliteration()).startsWith("Han→Latin");
        assertThat(forms.get(1).tokens()).containsExactly("hua", "xia", "zhong", "heng", "ke", "ji");
        assertThat(normalizer.forms("中国电子科技集团公司第十三研究所").get(0).tokens())
                .containsExactly("china", "electronic", "technology", "group", "13", "research", "institute");
        assertThat(normalizer.forms("深圳市鸿锐达电子科技有限公司").get(0).tokens())
                .containsExactly("shenzhen", "hongruida", "electronic", "technology");
    }

    @Test
    void romanisesCyrillicTheWayUsListsDo() {
        assertThat(tokens("ООО Транскавказ")).containsExactly("transkavkaz");
        assertThat(tokens("Газпромбанк")).containsExactly("gazprombank");
        assertThat(normalizer.forms("Щукин").get(0).tokens()).containsExactly("shchukin");
    }
}
