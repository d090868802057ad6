package dev.strait.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    static List<String> readAll(Spool spool) {
        List<String> out = new ArrayList<>();
        for (Segment segment : spool.segments()) {
            byte[] payload;
            while ((payload = segment.next()) != null) {
                out.add(new String(payload, StandardCharsets.UTF_8));
                segment.consumed(payload);
            }
        }
        return out;
    }

    @Test
    void recordsRollAcrossSegmentsAndComeBackInOrder() throws Exception {
        Spool spool = new Spool(dir, 4096);
        Spool.Writer writer = spool.writer();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String record = "{\"n\":" + i + "}";
            writer.append(record.getBytes(StandardCharsets.UTF_8));
            written.add(record);
        }

        assertThat(spool.segments()).hasSizeGreaterThan(1);
        assertThat(readAll(spool)).containsExactlyElementsOf(written);
    }

    @Test
    void aWriterWhoseSegmentFillsTakesASpareMadeOffItsThread() throws Exception {
        List<String> makers = new java.util.concurrent.CopyOnWriteArrayList<>();
        Spool spool = new Spool(dir, 4096, Spool.DEFAULT_MAX_HELD_BYTES, message -> { }, (file, size) -> {
            makers.add(Thread.currentThread().getName());
            return Segment.create(file, size);
        });
        Spool.Writer writer = spool.writer();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Thread ledgerThread = Thread.ofPlatform().name("ledger").start(spool::prepareSpares);
            ledgerThread.join();
            String record = "{\"n\":" + i + "}";
            writer.append(record.getBytes(StandardCharsets.UTF_8));
            written.add(record);
        }

        assertThat(spool.segments()).hasSizeGreaterThan(2);
        assertThat(makers).as("every segment was made by the ledger thread, none by the writer's").containsOnly("ledger");
        assertThat(readAll(spool)).containsExactlyElementsOf(written);
    }

    @Test
    void aNewProcessRecoversWhatADeadOneWrote() throws Exception {
        Spool.Writer writer = new Spool(dir, 1 << 16).writer();
        for (int i = 0; i < 100; i++) {
            writer.append(("r" + i).getBytes(StandardCharsets.UTF_8));
        }
        // No close, no flush: the first spool is simply abandoned, as a killed process leaves it.

        Spool recovered = new Spool(dir, 1 << 16);

        assertThat(readAll(recovered)).hasSize(100).startsWith("r0").endsWith("r99");
    }

    @Test
    void aTornRecordAtTheEndIsNotReplayed() throws Exception {
        Spool.Writer writer = new Spool(dir, 1 << 16).writer();
        writer.append("whole".getBytes(StandardCharsets.UTF_8));
        writer.append("torn!".getBytes(StandardCharsets.UTF_8));
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(Segment.HEADER + 5 + Segment.HEADER + 2);
            raf.write('X');
        }

        assertThat(readAll(new Spool(dir, 1 << 16))).containsExactly("whole");
    }
}
