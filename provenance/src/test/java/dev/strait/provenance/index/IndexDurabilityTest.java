package dev.strait.provenance.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index survives restarts and torn writes, and forgets what it is told to, on disk too. */
class IndexDurabilityTest {

    @TempDir
    Path dir;

    private final Traffic traffic = new Traffic(40, 3);
    /** Small segments so that the data spans several files. */
    private final ProvenanceIndex.Options options = new ProvenanceIndex.Options(1024, 64, 16 << 10, MatchRules.DEFAULT);

    private ProvenanceIndex filled() throws Exception {
        ProvenanceIndex index = ProvenanceIndex.open(dir, options);
        traffic.completions.forEach(index::offer);
        index.flush();
        return index;
    }

    private static String sample(Traffic traffic, String org, int i) {
        return traffic.of(org).get(i).text();
    }

    @Test
    void keepsEverythingAcrossARestart() throws Exception {
        List<SearchHit> before;
        try (ProvenanceIndex index = filled()) {
            before = index.search(sample(traffic, "org-bolt", 5), 3);
        }
        try (ProvenanceIndex index = ProvenanceIndex.open(dir, options)) {
            assertThat(index.stats().generations()).isEqualTo(traffic.completions.size());
            assertThat(index.search(sample(traffic, "org-bolt", 5), 3)).isEqualTo(before);
            assertThat(before.get(0).requestId()).isEqualTo("req-1-5");
        }
        try (ProvenanceIndex readOnly = ProvenanceIndex.openReadOnly(dir, MatchRules.DEFAULT)) {
            assertThat(readOnly.search(sample(traffic, "org-bolt", 5), 3)).isEqualTo(before);
            assertThatThrownBy(() -> readOnly.offer(traffic.completions.get(0))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> readOnly.deleteOrganization("org-bolt")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void refusesASecondWriter() throws Exception {
        try (ProvenanceIndex index = filled()) {
            assertThatThrownBy(() -> ProvenanceIndex.open(dir, options)).isInstanceOf(IOException.class)
                    .hasMessageContaining("another process");
        }
    }

    @Test
    void recoversFromATornTail() throws Exception {
        try (ProvenanceIndex index = filled()) {
            assertThat(index.stats().generations()).isEqualTo(200);
        }
        Path last = segments().getLast();
        long intact = Files.size(last);
        // The process died in the middle of a record: a frame header that promises more than follows.
        try (FileChannel c = FileChannel.open(last, StandardOpenOption.APPEND)) {
            c.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 9, 9, 9, 9, 1, 2, 3}));
        }
        try (ProvenanceIndex index = ProvenanceIndex.open(dir, options)) {
            assertThat(Files.size(last)).isEqualTo(intact);
            assertThat(index.stats().generations()).isEqualTo(200);
            Completion more = new Completion("org-new", "k", "req-new", "m", "US", Traffic.START, sample(traffic, "org-acme", 0)
                    .replace("the", "a"));
            index.offer(more);
            index.flush();
        }
        try (ProvenanceIndex index = ProvenanceIndex.open(dir, options)) {
            assertThat(index.stats().generations()).isEqualTo(201);
        }
    }

    @Test
    void ignoresARecordWhoseChecksumFails() throws Exception {
        try (ProvenanceIndex index = filled()) {
            assertThat(index.stats().generations()).isEqualTo(200);
        }
        Path last = segments().getLast();
        byte[] bytes = Files.readAllBytes(last);
        bytes[bytes.length - 3] ^= 0x55;
        Files.write(last, bytes);
        try (ProvenanceIndex index = ProvenanceIndex.open(dir, options)) {
            assertThat(index.stats().generations()).isEqualTo(199);
        }
    }

    @Test
    void deletingAnOrganizationRemovesItsSignaturesFromMemoryAndDisk() throws Exception {
        String text = sample(traffic, "org-delta", 2);
        try (ProvenanceIndex index = filled()) {
            assertThat(index.search(text, 1)).extracting(SearchHit::org).containsExactly("org-delta");
            PurgeResult result = index.deleteOrganization("org-delta");
            assertThat(result.removed()).isEqualTo(40);
            assertThat(result.segmentsRewritten()).isPositive();
            assertThat(result.remaining()).isEqualTo(160);
            assertThat(index.search(text, 1)).isEmpty();
            assertThat(index.search(sample(traffic, "org-ember", 2), 1)).extracting(SearchHit::org).containsExactly("org-ember");
            // Still writable after the active segment was rewritten.
            index.offer(new Completion("org-fresh", "k", "req-fresh", "m", "EU", Traffic.START, sample(traffic, "org-acme", 1)));
            index.flush();
        }
        try (ProvenanceIndex index = ProvenanceIndex.open(dir, options)) {
            assertThat(index.stats().generations()).isEqualTo(161);
            assertThat(index.search(text, 1)).isEmpty();
            assertThat(index.attribute(List.of(text)).organizations()).isEmpty();
        }
        for (Path segment : segments()) {
            assertThat(new String(Files.readAllBytes(segment), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("org-delta");
        }
    }

    @Test
    void retentionPurgesOnlyOldSignaturesOfTheChosenMarkets() throws Exception {
        Instant cutoff = Traffic.START.plus(Duration.ofHours(100));
        try (ProvenanceIndex index = filled()) {
            PurgeResult result = index.purgeOlderThan(cutoff, "CN"::equals);
            // Generations 0..99 are older; two of the five organizations are in CN.
            assertThat(result.removed()).isEqualTo(40);
            assertThat(index.search(sample(traffic, "org-cobalt", 3), 1)).isEmpty();
            assertThat(index.search(sample(traffic, "org-cobalt", 30), 1)).extracting(SearchHit::org).containsExactly("org-cobalt");
            assertThat(index.search(sample(traffic, "org-acme", 3), 1)).extracting(SearchHit::org).containsExactly("org-acme");
        }
        try (ProvenanceIndex index = ProvenanceIndex.open(dir, options)) {
            assertThat(index.stats().generations()).isEqualTo(160);
            assertThat(index.search(sample(traffic, "org-cobalt", 3), 1)).isEmpty();
        }
    }

    @Test
    void dropsInsteadOfBlockingWhenTheQueueIsFull() throws Exception {
        ProvenanceIndex.Options tiny = new ProvenanceIndex.Options(1, 1, 1 << 20, MatchRules.DEFAULT);
        try (ProvenanceIndex index = ProvenanceIndex.open(dir, tiny)) {
            long start = System.nanoTime();
            traffic.completions.forEach(index::offer);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            index.flush();
            IndexStats stats = index.stats();
            assertThat(stats.dropped()).isPositive();
            assertThat(stats.generations() + stats.dropped()).isEqualTo(200);
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".psg")).sorted().toList();
        }
    }
}
