package dev.strait.provenance.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.provenance.testing.Prose;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Attribution of suspect datasets built from one organization's outputs, against an index of five. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvenanceIndexTest {

    @TempDir
    static Path dir;

    private final Traffic traffic = new Traffic(300, 42);
    private ProvenanceIndex index;

    @BeforeAll
    void indexTraffic() throws Exception {
        index = ProvenanceIndex.open(dir, ProvenanceIndex.Options.DEFAULT);
        for (Completion c : traffic.completions) {
            assertThat(index.offer(c)).isTrue();
        }
        index.flush();
    }

    @AfterAll
    void close() throws Exception {
        index.close();
    }

    /** A suspect dataset: {@code copied} passages derived from one org's outputs among human records. */
    private static List<String> suspect(List<Completion> outputs, int copied, int human, long seed) {
        Prose copier = new Prose(seed);
        Prose people = new Prose(seed + 1_000);
        List<Completion> sample = new ArrayList<>(outputs);
        Collections.shuffle(sample, new Random(seed));
        List<String> records = new ArrayList<>();
        for (Completion c : sample.subList(0, copied)) {
            String passage = copier.halfPassage(copier.reorderSentences(c.text()));
            passage = copier.restyle(copier.editWords(passage, 0.10));
            records.add(copier.nextInt(2) == 0 ? copier.mixWith(passage, people) : passage);
        }
        for (int i = 0; i < human; i++) {
            records.add(people.completion(3 + people.nextInt(10)));
        }
        Collections.shuffle(records, new Random(seed));
        return records;
    }

    @Test
    void attributesTruncatedEditedReorderedPassagesToTheirOrganization() {
        List<String> dataset = suspect(traffic.of("org-cobalt"), 30, 570, 7);
        Attribution a = index.attribute(dataset);

        assertThat(a.top()).isEqualTo("org-cobalt");
        OrgAttribution cobalt = a.organizations().get(0);
        assertThat(cobalt.matchedRecords()).isBetween(28, 30);
        assertThat(cobalt.share()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.005));
        assertThat(cobalt.confidence()).isGreaterThan(0.999);
        assertThat(cobalt.firstSeen()).isBefore(cobalt.lastSeen());
        assertThat(cobalt.evidence()).allSatisfy(m -> assertThat(m.requestId()).startsWith("req-2-"));
        // No other organization is credited with anything but a stray record.
        assertThat(a.organizations().stream().skip(1)).allSatisfy(o -> assertThat(o.matchedRecords()).isLessThanOrEqualTo(1));
        assertThat(a.unattributedRecords()).isGreaterThanOrEqualTo(568);
    }

    @Test
    void attributesHumanOnlyTextToNobody() {
        List<String> dataset = suspect(traffic.of("org-acme"), 0, 1000, 11);
        Attribution a = index.attribute(dataset);
        assertThat(a.organizations()).isEmpty();
        assertThat(a.top()).isNull();
        assertThat(a.unattributedRecords()).isEqualTo(1000);
    }

    @Test
    void searchFindsTheGenerationAPassageWasCutFrom() {
        Completion source = traffic.of("org-delta").get(17);
        Prose copier = new Prose(5);
        List<SearchHit> hits = index.search(copier.editWords(copier.halfPassage(source.text()), 0.1), 5);
        assertThat(hits).isNotEmpty();
        SearchHit best = hits.get(0);
        assertThat(best.requestId()).isEqualTo(source.requestId());
        assertThat(best.org()).isEqualTo("org-delta");
        assertThat(best.time()).isEqualTo(source.time());
        assertThat(best.containment()).isGreaterThan(0.1);

        SearchHit verbatim = index.search(source.text(), 1).get(0);
        assertThat(verbatim.containment()).isGreaterThan(0.8);
        assertThat(verbatim.resemblance()).isEqualTo(1.0);
    }

    @Test
    void ignoresBoilerplateSharedByManyOrganizations() {
        assertThat(index.search("It is important to note that. In practice, I hope this helps! Let me know if you have any other"
                + " questions. Sure, here is an overview. Certainly! Great question. On the other hand, however,", 5)).isEmpty();
    }

    @Test
    void indexesOffTheRequestPathAndCountsWhatItCouldNotQueue() throws Exception {
        IndexStats stats = index.stats();
        assertThat(stats.generations()).isEqualTo(traffic.completions.size());
        assertThat(stats.organizations()).isEqualTo(5);
        assertThat(stats.dropped()).isZero();
        assertThat(stats.memoryBytes()).isPositive();
        assertThat(stats.postings()).isBetween(20L * stats.generations(), 48L * stats.generations());
    }
}
