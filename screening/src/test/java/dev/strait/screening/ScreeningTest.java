package dev.strait.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Screening the test lists: every kind of spelling variant, hard non-matches, and evidence. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreeningTest {

    private final ScreeningService service = ScreeningService.open(Fixtures.lists(), ScreeningConfig.defaults(), Fixtures.CLOCK);

    private ScreeningResult screen(String name) {
        return service.screen(ScreeningQuery.of(name));
    }

    private Hit top(String name) {
        ScreeningResult result = screen(name);
        assertThat(result.hits()).as("hits for '%s'", name).isNotEmpty();
        return result.hits().get(0);
    }

    private void blocks(String name, String list, String entryId) {
        ScreeningResult result = screen(name);
        assertThat(result.decision()).as("decision for '%s': %s", name, result.hits()).isEqualTo(Decision.BLOCK);
        assertThat(result.hits().get(0).list()).isEqualTo(list);
        assertThat(result.hits().get(0).entryId()).isEqualTo(entryId);
    }

    @Test
    void findsNamesWhateverTheirCasePunctuationAccentsOrWidth() {
        blocks("zephyria navigation", "sdn.csv", "90001");
        blocks("Zephyria-Navigation", "sdn.csv", "90001");
        blocks("societe eclair d armement", "sdn.csv", "90008");
        blocks("Société Éclair d’Armement", "sdn.csv", "90008");
        blocks("ＳＯＣＩＥＴＥ　ＥＣＬＡＩＲ　Ｄ’ＡＲＭＥＭＥＮＴ", "sdn.csv", "90008");
    }

    @Test
    void ignoresLegalFormsInManyLanguages() {
        blocks("Zephyria Navigation Company Limited", "sdn.csv", "90001");
        blocks("Zephyria Navigation GmbH", "sdn.csv", "90001");
        blocks("Zephyria Navigation Sdn Bhd", "sdn.csv", "90001");
        blocks("Nordwind Spedition AG", "sdn.csv", "90004");
        blocks("Banco Meridiano de Ultramar S.A. de C.V.", "sdn.csv", "90003");
        blocks("Volgaprombank PJSC", "csl.csv", "90010");
        blocks("ООО Транскавказ", "sdn.csv", "90007");
        blocks("Orbitec Trading LLC", "dpl.txt", top("Orbitec Trading FZE").entryId());
    }

    @Test
    void ignoresWordOrder() {
        blocks("Navigation Zephyria Co., Ltd.", "sdn.csv", "90001");
        blocks("Dmitri Ivanovich Korval", "sdn.csv", "90002");
        blocks("Halvorsen Erik", "dpl.txt", top("Erik Halvorsen").entryId());
    }

    @Test
    void toleratesATypoAndSaysSo() {
        Hit hit = top("Zephirya Navigation");
        assertThat(hit.entryId()).isEqualTo("90001");
        assertThat(hit.score()).isGreaterThanOrEqualTo(0.92);
        assertThat(hit.matchedTokens()).anyMatch(t -> t.startsWith("zephirya≈zephyria (typo"));
        assertThat(screen("Nordwnid Spedition").decision()).isEqualTo(Decision.BLOCK);
        // A typo'd generic word is still that word, not the rarest word in the world.
        assertThat(screen("Quantex Industral Technology Group").decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void matchesAliasesFromEveryPlaceListsWriteThem() {
        assertThat(top("Zephyria Shipping").matchedVia()).isEqualTo("fka");
        assertThat(top("Zephyr Nav").matchedVia()).isEqualTo("remark-aka");
        assertThat(top("Meridiano Bank").matchedVia()).isEqualTo("aka");
        assertThat(top("Nordwind Logistik").matchedVia()).isEqualTo("remark-aka");
        assertThat(top("VPB").matchedVia()).isEqualTo("alt");
        assertThat(top("NARI").matchedVia()).isEqualTo("acronym");
        Hit velmora = top("VPI Photonics");
        assertThat(velmora.matchedVia()).isEqualTo("aka");
        assertThat(velmora.entryName()).startsWith("Velmora Precision Instruments, a.k.a.");
        // An Entity List name that runs on into its city: the part up to the legal form is an alias.
        Hit guian = top("Guian Lakeside Numerics Co Ltd");
        assertThat(guian.matchedVia()).isEqualTo("short-name");
        assertThat(guian.score()).isEqualTo(1.0);
        blocks("Kestrel Bright Import and Export Co", "consolidated.csv", "f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b");
    }

    @Test
    void matchesEntityListAffiliatedEntityClauses() {
        Hit hit = top("Hexin Photonics Ltd");
        assertThat(hit.matchedVia()).isEqualTo("affiliated");
        assertThat(hit.entryName()).isEqualTo("Tianyuan Hexin Semiconductor Co., Ltd.");
        assertThat(hit.explanation()).contains("the affiliated alias 'Hexin Photonics Ltd'");
    }

    @Test
    void matchesChineseScriptAgainstRomanisedEntries() {
        Hit hit = top("华夏中恒科技有限公司");
        assertThat(hit.entryId()).isEqualTo("90006");
        assertThat(hit.score()).isGreaterThanOrEqualTo(0.92);
        assertThat(hit.transliteration()).startsWith("query Han→Latin");
        assertThat(hit.matchedTokens()).contains("huaxiazhongheng≈huaxia zhongheng (joined)");
        blocks("Huaxia Zhongheng Keji Youxian Gongsi", "sdn.csv", "90006");
        blocks("Hua Xia Zhong Heng Technology", "sdn.csv", "90006");
    }

    @Test
    void matchesRomanisedNamesAgainstChineseScriptEntries() {
        Hit hit = top("Shenzhen Hongruida Electronic Technology Co., Ltd.");
        assertThat(hit.list()).isEqualTo("blocklist.csv");
        assertThat(hit.entryName()).isEqualTo("深圳市鸿锐达电子科技有限公司");
        assertThat(hit.transliteration()).startsWith("entry Han→Latin");
        assertThat(screen("Shenzhen Hongruida Electronic Technology Co., Ltd.").decision()).isEqualTo(Decision.BLOCK);
        assertThat(top("Hong Rui Da Electronics").matchedTokens()).contains("hong rui da≈hongruida (joined)");
        assertThat(top("Keleisitelin").entryName()).isEqualTo("Crestline Ventures Ltd.");
    }

    @Test
    void clearsNamesThatShareOnlyGenericWordsWithAListedParty() {
        for (String name : List.of("Shenzhen Industrial Technology Group Co., Ltd.", "International Trading Group Limited",
                "Zephyr Technology Trading Co.", "Meridian Navigation Services", "Kestrel Logistics GmbH",
                "Nordic Spedition AB", "China Electronics Technology Co., Ltd.", "深圳市科技集团有限公司")) {
            ScreeningResult result = screen(name);
            assertThat(result.decision()).as("'%s' → %s", name, result.hits()).isEqualTo(Decision.CLEAR);
        }
    }

    @Test
    void doesNotTakeACompanyForAShipWhoseNameItContains() {
        assertThat(screen("Silvergull").decision()).isEqualTo(Decision.BLOCK);
        assertThat(screen("Silvergull Consulting Partners").decision()).isEqualTo(Decision.CLEAR);
    }

    @Test
    void countryEvidenceRaisesOrLowersTheScore() {
        Hit same = service.screen(ScreeningQuery.of("Banco Meridiano de Ultramar", "CU")).hits().get(0);
        Hit other = service.screen(ScreeningQuery.of("Banco Meridiano de Ultramar", "DE")).hits().get(0);
        Hit none = service.screen(ScreeningQuery.of("Banco Meridiano de Ultramar")).hits().get(0);
        assertThat(other.score()).isLessThan(none.score());
        assertThat(other.evidence()).containsExactly("country: query says DE, the entry lists CU (-0.10)");
        assertThat(same.evidence()).containsExactly("country: CU is listed for the entry (+0.05)");
        assertThat(service.screen(ScreeningQuery.of("Banco Meridiano de Ultramar", "Germany")).decision()).isEqualTo(Decision.REVIEW);
        // A partial name that would be clear on its own needs review when the country agrees.
        assertThat(service.screen(ScreeningQuery.of("Dmitri Korval", "RU")).hits().get(0).score())
                .isGreaterThan(screen("Dmitri Korval").hits().get(0).score());
    }

    @Test
    void identifierAndAddressEvidenceCount() {
        ScreeningResult byId = service.screen(new ScreeningQuery("Blue Harbour Holdings", null, null, List.of("77-88-123")));
        assertThat(byId.decision()).isEqualTo(Decision.BLOCK);
        assertThat(byId.hits().get(0).entryId()).isEqualTo("90001");
        assertThat(byId.hits().get(0).evidence()).anyMatch(e -> e.startsWith("identifier: 77-88-123"));
        ScreeningResult withAddress = service.screen(new ScreeningQuery("Quantex Group", null, "5 Gaoxin Road, Shenzhen", List.of()));
        assertThat(withAddress.hits().get(0).score()).isGreaterThan(top("Quantex Group").score());
        assertThat(withAddress.hits().get(0).evidence()).anyMatch(e -> e.startsWith("address: shares gaoxin, road, shenzhen"));
    }

    @Test
    void everyHitCarriesWhatAnAuditEntryNeeds() {
        ScreeningResult result = service.screen(ScreeningQuery.of("Zephyria Navigation Ltd", "CN"));
        Hit hit = result.hits().get(0);
        assertThat(hit.listSha256()).matches("[0-9a-f]{64}");
        assertThat(hit.source()).startsWith("OFAC SDN");
        assertThat(hit.score()).isBetween(0.0, 1.0);
        assertThat(hit.explanation()).contains("matched the listed name 'ZEPHYRIA NAVIGATION CO., LTD.' of sdn.csv entry 90001")
                .contains("tokens zephyria, navigation").contains("legal forms ignored").contains("CN is listed");
        assertThat(result.lists()).hasSize(5);
        assertThat(result.screenedAt()).isEqualTo(Fixtures.CLOCK.instant());
        assertThat(result.query().country()).isEqualTo("CN");
    }

    @Test
    void thresholdsDecideBlockReviewAndClear() {
        ScreeningService strict = ScreeningService.open(Fixtures.lists(), ScreeningConfig.defaults().withThresholds(0.99, 0.95),
                Fixtures.CLOCK);
        assertThat(screen("Quantex Group").decision()).isEqualTo(Decision.REVIEW);
        assertThat(strict.screen(ScreeningQuery.of("Quantex Group")).decision()).isEqualTo(Decision.CLEAR);
        assertThat(strict.screen(ScreeningQuery.of("Zephirya Navigation")).decision()).isEqualTo(Decision.REVIEW);
        assertThat(strict.screen(ScreeningQuery.of("Zephyria Navigation")).decision()).isEqualTo(Decision.BLOCK);
    }
}
