package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State lives in PostgreSQL: it reaches every replica within a second and survives a restart. */
class ReplicaAndRestartTest {

    @TempDir
    Path dir;

    @Test
    void aRevocationOnOneReplicaIsInForceOnAnotherWithinOneSecond() throws Exception {
        try (Node first = new Node(dir.resolve("a")); Node second = new Node(dir.resolve("b"), first.strait.jdbcUrl())) {
            JsonNode org = first.adminJson("POST", "/admin/orgs",
                    "{\"legal_name\":\"Replicated Inc\",\"market\":\"US\",\"kind\":\"enterprise\"}");
            first.adminJson("POST", "/admin/orgs/" + org.get("id").asText() + "/state", "{\"state\":\"verified\"}");
            JsonNode key = first.adminJson("POST", "/admin/keys", "{\"org\":\"" + org.get("id").asText() + "\"}");
            String secret = key.get("key").asText();
            awaitStatus(second, secret, 200);

            long revokedAt = System.nanoTime();
            first.adminJson("POST", "/admin/keys/" + key.get("id").asText() + "/revoke", null);
            awaitStatus(second, secret, 401);
            long tookMs = (System.nanoTime() - revokedAt) / 1_000_000;

            assertThat(tookMs).as("revocation reached the other replica in %d ms", tookMs).isLessThan(1000);
            assertThat(second.chat(secret, "gpt-4o").body()).contains("api_key_revoked");
        }
    }

    @Test
    void organizationsKeysAndAuditSurviveARestart() {
        String secret;
        String orgId;
        try (Node node = new Node(dir)) {
            JsonNode org = node.adminJson("POST", "/admin/orgs",
                    "{\"legal_name\":\"Durable SA\",\"market\":\"EU\",\"kind\":\"enterprise\"}");
            orgId = org.get("id").asText();
            node.adminJson("POST", "/admin/orgs/" + orgId + "/state", "{\"state\":\"verified\"}");
            secret = node.adminJson("POST", "/admin/keys", "{\"org\":\"" + orgId + "\"}").get("key").asText();
            assertThat(node.chat(secret, "gpt-4o").statusCode()).isEqualTo(200);
        }
        try (Node restarted = new Node(dir)) {
            assertThat(restarted.chat(secret, "gpt-4o").statusCode()).isEqualTo(200);
            assertThat(restarted.adminJson("GET", "/admin/orgs/" + orgId, null).get("state").asText()).isEqualTo("verified");
            JsonNode verify = restarted.adminJson("GET", "/admin/audit/verify", null);
            assertThat(verify.get("intact").asBoolean()).isTrue();
            assertThat(verify.get("entries").asLong()).isGreaterThanOrEqualTo(3);
        }
    }

    private static void awaitStatus(Node node, String key, int status) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (node.chat(key, "gpt-4o").statusCode() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never got " + status);
            }
            Thread.sleep(20);
        }
    }
}
