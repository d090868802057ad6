package dev.strait.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the spool. The file system's answer is simulated where a real one gives it: making a
 * segment fails with "No space left on device" (a segment's blocks are written out before it is mapped,
 * so a real full disk fails there too, never later inside the mapping).
 */
class SpoolDiskFullTest {

    @TempDir
    Path dir;

    final AtomicBoolean full = new AtomicBoolean();
    final List<String> warnings = new CopyOnWriteArrayList<>();

    Spool spool(Path directory, int segmentBytes, long maxHeld) throws IOException {
        return new Spool(directory, segmentBytes, maxHeld, warnings::add, (file, size) -> {
            if (full.get()) {
                throw new IOException("No space left on device");
            }
            return Segment.create(file, size);
        });
    }

    @Test
    void aFullDiskHoldsRecordsInMemoryAndWritesThemOnceWhenRoomReturns() throws Exception {
        Spool spool = spool(dir, 4096, Spool.DEFAULT_MAX_HELD_BYTES);
        Spool.Writer writer = spool.writer();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            if (i == 100) {
                full.set(true);
            }
            String record = "{\"n\":" + i + "}";
            writer.append(record.getBytes(StandardCharsets.UTF_8));
            written.add(record);
        }
        assertThat(spool.heldRecords()).isPositive();
        assertThat(spool.droppedRecords()).isZero();
        assertThat(spool.diskFullEpisodes()).isEqualTo(1);
        assertThat(warnings).hasSize(1).first().asString().contains("No space left on device").contains("held in memory");

        full.set(false);
        Thread.sleep(1_100); // a full disk is retried at most once a second
        spool.rescueHeld();

        assertThat(spool.heldRecords()).isZero();
        List<String> read = SpoolTest.readAll(spool);
        assertThat(read).hasSize(600);
        assertThat(new HashSet<>(read)).containsExactlyInAnyOrderElementsOf(written);
        assertThat(warnings).last().asString().contains("can write again");
    }

    @Test
    void pastItsMemoryBoundTheSpoolDropsAndCountsInsteadOfGrowing() throws Exception {
        full.set(true);
        Spool spool = spool(dir, 4096, 1_000);
        Spool.Writer writer = spool.writer();

        for (int i = 0; i < 500; i++) {
            writer.append(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }

        assertThat(spool.heldRecords()).isBetween(100L, 125L);
        assertThat(spool.droppedRecords()).isEqualTo(500 - spool.heldRecords());
        assertThat(warnings).anyMatch(w -> w.contains("dropped"));
    }

    @Test
    void theLedgerGetsEveryRecordExactlyOnceAcrossADiskFullEpisode() throws Exception {
        try (Database db = Database.embedded(dir.resolve("pg"))) {
            Spool spool = spool(dir.resolve("spool"), 1 << 14, Spool.DEFAULT_MAX_HELD_BYTES);
            Spool.Writer writer = spool.writer();
            Ledger ledger = new Ledger(db.dataSource());
            try (LedgerWriter ledgerWriter = new LedgerWriter(spool, ledger, Duration.ofMillis(50), e -> { })) {
                for (int i = 0; i < 3_000; i++) {
                    full.set(i >= 500 && i < 2_000);
                    writer.append(UsageCodec.encode(LedgerWriterTest.record(i)));
                }
                assertThat(spool.diskFullEpisodes()).isEqualTo(1);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (ledger.count() < 3_000 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            assertThat(ledger.count()).isEqualTo(3_000);
            assertThat(spool.heldRecords()).isZero();
        }
    }
}
