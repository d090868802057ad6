package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running node keeps the audit chain's tail in its data directory: cutting the newest entries is detected. */
class AuditTailTest {

    @TempDir
    Path dir;

    @Test
    void deletingTheNewestAuditEntriesIsDetectedByVerify() throws Exception {
        try (Node node = new Node(dir)) {
            for (int i = 0; i < 3; i++) {
                node.adminJson("POST", "/admin/orgs", "{\"legal_name\":\"Tail Co " + i
                        + "\",\"market\":\"US\",\"kind\":\"enterprise\"}");
            }
            // Appends inside the admin API's own transactions are anchored within a second.
            JsonNode before = node.adminJson("GET", "/admin/audit/verify", null);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (before.get("anchored_seq").asLong() < before.get("entries").asLong() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                before = node.adminJson("GET", "/admin/audit/verify", null);
            }
            assertThat(before.get("intact").asBoolean()).isTrue();
            assertThat(before.get("anchored_seq").asLong()).isEqualTo(before.get("entries").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(Files.readString(dir.resolve("audit-anchor"))).startsWith(before.get("entries").asText() + " ");
            assertThat(Files.exists(dir.resolve("audit-anchor-key"))).isTrue();

            long last = before.get("entries").asLong();
            try (Connection c = node.strait.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("delete from audit_log where seq >= " + (last - 1));
            }
            Thread.sleep(1_500); // the periodic anchoring runs meanwhile: it must not follow the cut
            JsonNode after = node.adminJson("GET", "/admin/audit/verify", null);

            assertThat(after.get("intact").asBoolean()).isFalse();
            assertThat(after.get("problem").asText()).contains("removed from its end");
            assertThat(after.get("first_broken_seq").asLong()).isEqualTo(last - 1);
        }
    }
}
