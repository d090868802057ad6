package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Organizations, keys, policy checks and the audit chain through the real admin and client APIs. */
class AdminApiTest {

    @TempDir
    static Path dir;
    static Node node;

    @BeforeAll
    static void start() {
        node = new Node(dir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static JsonNode org(String name, String market, String kind) {
        return node.adminJson("POST", "/admin/orgs", "{\"legal_name\":\"" + name + "\",\"market\":\"" + market
                + "\",\"kind\":\"" + kind + "\",\"registration_number\":\"R-" + name.hashCode() + "\"}");
    }

    static void setState(JsonNode org, String state) {
        node.adminJson("POST", "/admin/orgs/" + org.get("id").asText() + "/state", "{\"state\":\"" + state + "\"}");
    }

    static JsonNode key(JsonNode org, String extra) {
        return node.adminJson("POST", "/admin/keys", "{\"org\":\"" + org.get("id").asText() + "\"" + extra + "}");
    }

    @Test
    void aNewCompanyIsRefusedUntilVerifiedAndAgainOnceSuspended() {
        JsonNode org = org("Verify Me Ltd", "US", "enterprise");
        assertThat(org.get("state").asText()).isEqualTo("pending");
        String secret = key(org, "").get("key").asText();

        HttpResponse<String> pending = node.chat(secret, "gpt-4o");
        assertThat(pending.statusCode()).isEqualTo(403);
        assertThat(pending.body()).contains("organization_not_verified");

        setState(org, "verified");
        assertThat(node.chat(secret, "gpt-4o").statusCode()).isEqualTo(200);

        setState(org, "suspended");
        assertThat(node.chat(secret, "gpt-4o").body()).contains("organization_suspended");
    }

    @Test
    void individualDevelopersGetNoWorkingKey() {
        JsonNode dev = org("Solo Dev", "US", "individual");
        setState(dev, "verified");
        String secret = key(dev, "").get("key").asText();

        HttpResponse<String> response = node.chat(secret, "gpt-4o");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("individual_not_permitted");
    }

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        JsonNode org = org("Hash Check GmbH", "EU", "enterprise");
        JsonNode created = key(org, ",\"name\":\"ci\"");
        String secret = created.get("key").asText();

        String shown = node.admin("GET", "/admin/orgs/" + org.get("id").asText(), null).body();
        assertThat(shown).contains(created.get("prefix").asText()).doesNotContain(secret)
                .doesNotContain(secret.substring(secret.lastIndexOf('-') + 1));
        try (Connection c = node.strait.dataSource().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("select * from api_keys")) {
            while (rs.next()) {
                assertThat(rs.getString("secret_hash")).as("HMAC under the server's pepper").startsWith("h1:");
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    assertThat(String.valueOf(rs.getObject(i))).doesNotContain(secret.substring(secret.lastIndexOf('-') + 1));
                }
            }
        }
    }

    @Test
    void revocationAndScopesTakeEffect() {
        JsonNode org = org("Scope Co", "US", "enterprise");
        setState(org, "verified");
        JsonNode scoped = key(org, ",\"models\":[\"gpt-4o-mini\"]");
        String secret = scoped.get("key").asText();

        assertThat(node.chat(secret, "gpt-4o-mini").statusCode()).isEqualTo(200);
        assertThat(node.chat(secret, "gpt-4o").body()).contains("model_not_in_key_scope");

        node.adminJson("POST", "/admin/keys/" + scoped.get("id").asText() + "/revoke", null);
        HttpResponse<String> revoked = node.chat(secret, "gpt-4o-mini");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("api_key_revoked");
    }

    @Test
    void anExpiredKeyIsRefused() {
        JsonNode org = org("Expiry Co", "US", "enterprise");
        setState(org, "verified");
        String secret = key(org, ",\"expires_at\":\"2020-01-01T00:00:00Z\"").get("key").asText();

        assertThat(node.chat(secret, "gpt-4o").body()).contains("api_key_expired");
    }

    @Test
    void tenantsAreIsolated() {
        JsonNode a = org("Tenant A", "US", "enterprise");
        JsonNode b = org("Tenant B", "US", "enterprise");
        setState(a, "verified");
        setState(b, "verified");
        String keyA = key(a, "").get("key").asText();
        JsonNode keyB = key(b, "");
        JsonNode projectB = node.adminJson("POST", "/admin/orgs/" + b.get("id").asText() + "/projects", "{\"name\":\"prod\"}");

        // A key of A cannot be bound to B's project, and a client key opens no admin door.
        HttpResponse<String> crossProject = node.admin("POST", "/admin/keys", "{\"org\":\"" + a.get("id").asText()
                + "\",\"project\":\"" + projectB.get("id").asText() + "\"}");
        assertThat(crossProject.statusCode()).isEqualTo(404);
        HttpResponse<String> withClientKey = Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/admin/orgs"))
                .header("authorization", "Bearer " + keyA).GET());
        assertThat(withClientKey.statusCode()).isEqualTo(401);

        // What happens to B does not touch A.
        node.adminJson("POST", "/admin/keys/" + keyB.get("id").asText() + "/revoke", null);
        setState(b, "suspended");
        assertThat(node.chat(keyA, "gpt-4o").statusCode()).isEqualTo(200);
        assertThat(node.chat(keyB.get("key").asText(), "gpt-4o").statusCode()).isEqualTo(401);
        // Requests are attributed to the key's own organization.
        String attributed = "\"org\":\"" + a.get("id").asText() + "\"";
        assertThat(node.awaitLog(attributed)).contains(attributed);
    }

    @Test
    void policyCheckExplainsTheDecisionWithItsRule() {
        JsonNode cn = org("Check Trading Co", "CN", "enterprise");
        setState(cn, "verified");
        String id = cn.get("id").asText();

        JsonNode denied = node.adminJson("GET", "/admin/policy/check?org=" + id + "&model=claude-sonnet-4-5", null);
        assertThat(denied.get("decision").asText()).isEqualTo("deny");
        assertThat(denied.get("code").asText()).isEqualTo("model_not_available_in_market");
        assertThat(denied.get("rule").asText()).matches(".*policy.yaml:\\d+ markets.CN.vendors");

        JsonNode allowed = node.adminJson("GET", "/admin/policy/check?org=" + id + "&model=gpt-4o", null);
        assertThat(allowed.get("decision").asText()).isEqualTo("allow");
        assertThat(allowed.get("serving_regions").toString()).isEqualTo("[\"singapore\"]");
    }

    @Test
    void everyAdminActionIsInAnIntactChainAndTamperingIsDetected() throws Exception {
        JsonNode org = org("Audited AG", "EU", "enterprise");
        setState(org, "verified");
        JsonNode entries = node.adminJson("GET", "/admin/audit", null).get("data");
        assertThat(entries.toString()).contains("org.create").contains("org.state").contains(org.get("id").asText());
        assertThat(node.adminJson("GET", "/admin/audit/verify", null).get("intact").asBoolean()).isTrue();

        long seq = entries.get(entries.size() - 1).get("seq").asLong();
        try (Connection c = node.strait.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update audit_log set actor = 'someone-else' where seq = " + seq);
        }
        JsonNode broken = node.adminJson("GET", "/admin/audit/verify", null);
        assertThat(broken.get("intact").asBoolean()).isFalse();
        assertThat(broken.get("first_broken_seq").asLong()).isEqualTo(seq);
        try (Connection c = node.strait.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update audit_log set actor = 'admin' where seq = " + seq);
        }
        assertThat(node.adminJson("GET", "/admin/audit/verify", null).get("intact").asBoolean()).isTrue();
    }

    @Test
    void theAdminApiNeedsItsTokenAndDescribesItself() {
        HttpResponse<String> noToken = Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/admin/orgs")).GET());
        assertThat(noToken.statusCode()).isEqualTo(401);

        JsonNode openapi = Node.read(Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/openapi.json")).GET()).body());
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        assertThat(openapi.get("paths").has("/admin/policy/check")).isTrue();
    }

    @Test
    void badAdminInputGetsAClearError() {
        assertThat(node.admin("POST", "/admin/orgs", "{\"legal_name\":\"X\",\"market\":\"ZZ\",\"kind\":\"enterprise\"}")
                .body()).contains("market 'ZZ' is not in the policy");
        assertThat(node.admin("POST", "/admin/orgs", "{\"legal_name\":\"X\",\"market\":\"US\",\"kind\":\"robot\"}")
                .statusCode()).isEqualTo(400);
        assertThat(node.admin("POST", "/admin/orgs", "not json").statusCode()).isEqualTo(400);
        assertThat(node.admin("POST", "/admin/orgs/org_missing/state", "{\"state\":\"verified\"}").statusCode())
                .isEqualTo(404);
    }
}
