package dev.strait.screening.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strait.screening.Fixtures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListSetTest {

    private final ListSet set = ListSet.load(Fixtures.lists(), Fixtures.CLOCK);

    private ScreeningList list(String name) {
        return set.lists().stream().filter(l -> l.version().name().equals(name)).findFirst().orElseThrow();
    }

    private ListEntry entry(String list, String id) {
        return list(list).entries().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void recognisesEveryFormatByNameAndHeaderAndReportsWhatItSkipped() {
        assertThat(set.versions()).extracting(ListVersion::name, ListVersion::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("sdn.csv", ListKind.OFAC_SDN),
                org.assertj.core.groups.Tuple.tuple("csl.csv", ListKind.CONSOLIDATED),
                org.assertj.core.groups.Tuple.tuple("consolidated.csv", ListKind.CONSOLIDATED),
                org.assertj.core.groups.Tuple.tuple("dpl.txt", ListKind.BIS_DPL),
                org.assertj.core.groups.Tuple.tuple("blocklist.csv", ListKind.OPERATOR_BLOCKLIST));
        assertThat(list("sdn.csv").version().files()).containsExactly("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv");
        assertThat(set.skipped()).containsExactly("README.txt: not a recognised list format");
        assertThat(set.loadedAt()).isEqualTo(Fixtures.CLOCK.instant());
    }

    @Test
    void versionsEachListBySha256OfItsFilesAndTheNewestDateItCarries() throws Exception {
        byte[] csl = Files.readAllBytes(Fixtures.lists().resolve("csl.csv"));
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(ByteBuffer.allocate(8).putLong(csl.length).array());
        digest.update(csl);
        assertThat(list("csl.csv").version().sha256()).isEqualTo(HexFormat.of().formatHex(digest.digest()));
        assertThat(list("csl.csv").version().asOf()).isEqualTo(LocalDate.of(2019, 8, 13));
        assertThat(list("consolidated.csv").version().asOf()).isEqualTo(LocalDate.of(2023, 7, 19));
        assertThat(list("dpl.txt").version().asOf()).isEqualTo(LocalDate.of(2018, 11, 2));
        assertThat(set.versions()).extracting(ListVersion::sha256).doesNotHaveDuplicates().allMatch(h -> h.matches("[0-9a-f]{64}"));
    }

    @Test
    void readsTheSdnSetWithAliasesAddressesOverflowRemarksAndWindows1252() {
        ListEntry zephyria = entry("sdn.csv", "90001");
        assertThat(zephyria.type()).isEqualTo("entity");
        assertThat(zephyria.aliases()).extracting(Alias::name, Alias::kind)
                .contains(org.assertj.core.groups.Tuple.tuple("ZEPHYRIA SHIPPING", "fka"),
                        org.assertj.core.groups.Tuple.tuple("ZEPHYR NAV", "remark-aka"));
        assertThat(zephyria.countries()).containsExactly("CN");
        assertThat(zephyria.identifiers()).containsExactly("7788123");
        assertThat(zephyria.reason()).isEqualTo("NPWMD; IFSR");
        // The remark is cut mid-alias in SDN.CSV and continues in SDN_COMMENTS.CSV.
        assertThat(entry("sdn.csv", "90004").aliases()).extracting(Alias::name).contains("NORDWIND TRANS", "NORDWIND LOGISTIK");
        assertThat(entry("sdn.csv", "90002").countries()).containsExactly("RU");
        assertThat(entry("sdn.csv", "90005").type()).isEqualTo("vessel");
        assertThat(entry("sdn.csv", "90008").name()).isEqualTo("SOCIÉTÉ ÉCLAIR D'ARMEMENT");
    }

    @Test
    void readsBothConsolidatedListFormatsWithTheirClauses() {
        ListEntry velmora = list("csl.csv").entries().get(0);
        assertThat(velmora.source()).startsWith("Entity List");
        assertThat(velmora.aliases()).extracting(Alias::name, Alias::kind).contains(
                org.assertj.core.groups.Tuple.tuple("Velmora Optics", "aka"),
                org.assertj.core.groups.Tuple.tuple("VPI Photonics", "aka"),
                org.assertj.core.groups.Tuple.tuple("Velmora Precision Instruments", "short-name"));
        assertThat(velmora.countries()).containsExactly("HK");
        assertThat(list("csl.csv").entries().get(1).aliases()).extracting(Alias::name, Alias::kind).contains(
                org.assertj.core.groups.Tuple.tuple("Hexin Microelectronics Wuxi Co., Ltd", "affiliated"),
                org.assertj.core.groups.Tuple.tuple("Hexin Photonics Ltd", "affiliated"));
        ListEntry volga = entry("csl.csv", "90010");
        assertThat(volga.identifiers()).containsExactlyInAnyOrder("6315001234", "1026300000001");
        assertThat(volga.aliases()).extracting(Alias::name).contains("VOLGAPROMBANK PUBLIC JOINT STOCK COMPANY", "VPB");

        ListEntry norvane = entry("consolidated.csv", "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c");
        assertThat(norvane.aliases()).extracting(Alias::name, Alias::kind).contains(
                org.assertj.core.groups.Tuple.tuple("NARI", "acronym"),
                org.assertj.core.groups.Tuple.tuple("NARI Xi'an", "alt"));
        ListEntry kestrel = list("consolidated.csv").entries().get(1);
        assertThat(kestrel.aliases()).extracting(Alias::name).contains("Kestrel Bright Import and Export Company");
    }

    @Test
    void readsTheDeniedPersonsListWithStableIdsAndUsStates() {
        List<ListEntry> dpl = list("dpl.txt").entries();
        assertThat(dpl).extracting(ListEntry::name).containsExactly("ERIK HALVORSEN", "ORBITEC TRADING FZE");
        assertThat(dpl.get(0).countries()).containsExactly("US");
        assertThat(dpl.get(1).countries()).containsExactly("AE");
        assertThat(dpl.get(0).id()).startsWith("dpl-")
                .isEqualTo(ListSet.load(Fixtures.lists(), Fixtures.CLOCK).lists().stream()
                        .filter(l -> l.version().name().equals("dpl.txt")).findFirst().orElseThrow().entries().get(0).id());
    }

    @Test
    void readsTheOperatorBlocklistAndRejectsWhatItCannotUnderstand(@TempDir Path dir) throws Exception {
        ListEntry crestline = list("blocklist.csv").entries().get(0);
        assertThat(crestline.aliases()).extracting(Alias::name).containsExactly("Crestline", "克雷斯特林有限公司");
        assertThat(crestline.countries()).containsExactly("GB");
        assertThat(crestline.reason()).isEqualTo("chargeback fraud 2026-03");

        Files.writeString(dir.resolve("ops.csv"), "name,aliases,country,reason\nAcme Widgets,,Atlantis,fraud\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ListSet.load(dir, Fixtures.CLOCK)).isInstanceOf(ListLoadException.class)
                .hasMessageContaining("ops.csv").hasMessageContaining("unknown country 'Atlantis'");
        Files.writeString(dir.resolve("ops.csv"), "name,aliases,country,reason\nAcme, Widgets,,US,fraud\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ListSet.load(dir, Fixtures.CLOCK)).hasMessageContaining("row 2 has 5 fields");
    }
}
