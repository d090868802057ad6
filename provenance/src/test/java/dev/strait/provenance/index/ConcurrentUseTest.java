package dev.strait.provenance.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries run while the writer indexes: each sees a consistent index, and nothing is lost. */
class ConcurrentUseTest {

    @TempDir
    Path dir;

    @Test
    void answersQueriesWhileCompletionsArriveFromSeveralThreads() throws Exception {
        Traffic traffic = new Traffic(120, 8);
        List<Completion> all = traffic.completions;
        String probe = all.get(0).text();
        try (ProvenanceIndex index = ProvenanceIndex.open(dir, new ProvenanceIndex.Options(4096, 32, 1 << 16, MatchRules.DEFAULT))) {
            index.offer(all.get(0));
            index.flush();
            CompletableFuture<?>[] feeders = new CompletableFuture<?>[3];
            for (int t = 0; t < feeders.length; t++) {
                int from = t;
                feeders[t] = CompletableFuture.runAsync(() -> {
                    for (int i = 1 + from; i < all.size(); i += feeders.length) {
                        index.offer(all.get(i));
                    }
                });
            }
            int searches = 0;
            while (!CompletableFuture.allOf(feeders).isDone() || searches < 50) {
                assertThat(index.search(probe, 1)).extracting(SearchHit::requestId).containsExactly(all.get(0).requestId());
                searches++;
            }
            index.flush();
            assertThat(index.stats().generations()).isEqualTo(all.size());
            assertThat(index.stats().dropped()).isZero();
            assertThat(index.attribute(traffic.of("org-ember").stream().map(Completion::text).toList()).top())
                    .isEqualTo("org-ember");
        }
    }
}
