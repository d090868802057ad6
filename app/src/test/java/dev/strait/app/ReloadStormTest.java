package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy reloaded many times a second while requests flow: none fails, every one is metered once. */
class ReloadStormTest {

    @TempDir
    Path dir;

    @Test
    void aReloadStormUnderLoadFailsNoRequestAndLosesNoRecord() throws Exception {
        try (Node node = new Node(dir)) {
            String key = PolicyReloadTest.verifiedKey(node, "US");
            String a = Files.readString(node.policyFile);
            String b = a.replace("retention_days: 90}", "retention_days: 91}");
            assertThat(b).isNotEqualTo(a);

            AtomicBoolean storming = new AtomicBoolean(true);
            AtomicInteger reloads = new AtomicInteger();
            Thread storm = Thread.ofPlatform().start(() -> {
                Path next = node.dataDir.resolve("policy.next");
                long until = System.nanoTime() + 3_000_000_000L;
                int i = 0;
                while (System.nanoTime() < until) {
                    try {
                        // Written as operators should: whole, then renamed over the old file.
                        Files.writeString(next, i++ % 2 == 0 ? b : a);
                        Files.move(next, node.policyFile, StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    JsonNode outcome = node.adminJson("POST", "/admin/policy/reload", null);
                    if (outcome.path("changed").asBoolean()) {
                        reloads.incrementAndGet();
                    }
                }
                storming.set(false);
            });

            ConcurrentLinkedQueue<HttpResponse<String>> answers = new ConcurrentLinkedQueue<>();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                load.add(Thread.ofPlatform().start(() -> {
                    while (storming.get()) {
                        answers.add(node.chat(key, "gpt-4o"));
                    }
                }));
            }
            storm.join();
            for (Thread t : load) {
                t.join();
            }

            assertThat(reloads.get()).as("policy changes in 3 s").isGreaterThanOrEqualTo(30);
            assertThat(answers).isNotEmpty().allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (node.strait.ledger().count() < answers.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(node.strait.ledger().count()).as("ledger rows for %d answers", answers.size())
                    .isEqualTo(answers.size());
            JsonNode verify = node.adminJson("GET", "/admin/audit/verify", null);
            assertThat(verify.get("intact").asBoolean()).isTrue();
            assertThat(verify.get("entries").asLong()).isGreaterThanOrEqualTo(reloads.get());
        }
    }
}
