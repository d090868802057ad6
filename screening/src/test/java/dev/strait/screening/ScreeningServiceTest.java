package dev.strait.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strait.screening.list.ListLoadException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists change while running: a reload swaps the snapshot and says what changed. */
class ScreeningServiceTest {

    @TempDir
    Path dir;

    @Test
    void reloadWithoutChangesReportsNothingChanged() {
        ScreeningService service = ScreeningService.open(Fixtures.copyOfLists(dir), ScreeningConfig.defaults(), Fixtures.CLOCK);
        ReloadReport report = service.reload();
        assertThat(report.changed()).isFalse();
        assertThat(report.lists()).allMatch(c -> c.status() == ReloadReport.Status.UNCHANGED && c.added().isEmpty()
                && c.removed().isEmpty() && c.modified().isEmpty());
    }

    @Test
    void reloadSwapsInNewListsAndReportsAddedRemovedAndModifiedEntries() throws Exception {
        ScreeningService service = ScreeningService.open(Fixtures.copyOfLists(dir), ScreeningConfig.defaults(), Fixtures.CLOCK);
        assertThat(service.screen(ScreeningQuery.of("Ostrava Kinetics")).decision()).isEqualTo(Decision.CLEAR);
        String before = service.snapshot().lists().versions().stream().filter(v -> v.name().equals("sdn.csv"))
                .findFirst().orElseThrow().sha256();

        // A new designation, a delisting, and a new alias for an existing entry.
        String sdn = new String(Files.readAllBytes(dir.resolve("sdn.csv")), "windows-1252");
        sdn = sdn.lines().filter(l -> !l.startsWith("90008,")).reduce("", (a, b) -> a + b + "\n")
                + "90011,\"OSTRAVA KINETICS S.R.O.\",-0- ,\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";
        Files.write(dir.resolve("sdn.csv"), sdn.getBytes("windows-1252"));
        Files.writeString(dir.resolve("alt.csv"), "90003,1004,\"aka\",\"BMU\",-0- \n", StandardCharsets.ISO_8859_1,
                StandardOpenOption.APPEND);
        Files.delete(dir.resolve("dpl.txt"));
        Files.writeString(dir.resolve("extra-blocklist.csv"), "name,aliases,country,reason\nLarkspur Freight Ltd,,NL,test\n");

        ReloadReport report = service.reload();
        assertThat(report.changed()).isTrue();
        ReloadReport.ListChange sdnChange = report.lists().stream().filter(c -> c.name().equals("sdn.csv")).findFirst().orElseThrow();
        assertThat(sdnChange.status()).isEqualTo(ReloadReport.Status.CHANGED);
        assertThat(sdnChange.before().sha256()).isEqualTo(before);
        assertThat(sdnChange.after().sha256()).isNotEqualTo(before);
        assertThat(sdnChange.added()).containsExactly("90011");
        assertThat(sdnChange.removed()).containsExactly("90008");
        assertThat(sdnChange.modified()).containsExactly("90003");
        assertThat(report.lists()).filteredOn(c -> c.name().equals("dpl.txt")).singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(ReloadReport.Status.REMOVED);
                    assertThat(c.removed()).hasSize(2);
                });
        assertThat(report.lists()).filteredOn(c -> c.name().equals("extra-blocklist.csv")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(ReloadReport.Status.ADDED));
        assertThat(report.lists()).filteredOn(c -> c.name().equals("csl.csv")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(ReloadReport.Status.UNCHANGED));

        // The new snapshot serves at once.
        assertThat(service.screen(ScreeningQuery.of("Ostrava Kinetics")).decision()).isEqualTo(Decision.BLOCK);
        assertThat(service.screen(ScreeningQuery.of("BMU")).hits().get(0).entryId()).isEqualTo("90003");
        assertThat(service.screen(ScreeningQuery.of("Société Éclair d'Armement")).decision()).isEqualTo(Decision.CLEAR);
        assertThat(service.screen(ScreeningQuery.of("Larkspur Freight")).decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void aFailedReloadKeepsServingThePreviousLists() throws Exception {
        ScreeningService service = ScreeningService.open(Fixtures.copyOfLists(dir), ScreeningConfig.defaults(), Fixtures.CLOCK);
        Screener before = service.snapshot();
        Files.writeString(dir.resolve("blocklist.csv"), "name,aliases,country,reason\nAcme,,Narnia,x\n");
        assertThatThrownBy(service::reload).isInstanceOf(ListLoadException.class).hasMessageContaining("Narnia");
        assertThat(service.snapshot()).isSameAs(before);
        assertThat(service.screen(ScreeningQuery.of("Crestline Ventures")).decision()).isEqualTo(Decision.BLOCK);
    }
}
