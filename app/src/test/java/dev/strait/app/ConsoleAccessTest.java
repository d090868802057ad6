package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strait.app.config.StraitConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators of the console against a real node: the first admin's password file, login with an
 * HttpOnly SameSite=Strict session cookie, roles enforced by the admin API itself, the CSRF guard,
 * expiry on the node's clock, logout, throttled guessing, every login audited without its
 * password — and the admin token still a full admin.
 */
class ConsoleAccessTest {

    @TempDir
    Path dir;

    static HttpResponse<String> login(Node node, String name, String password) {
        return Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/admin/session"))
                .header("content-type", "application/json").header("x-strait-console", "1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}")));
    }

    static String cookie(HttpResponse<String> login) {
        return login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    }

    static HttpResponse<String> as(Node node, String cookie, String method, String path, String body, boolean csrfHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.adminUrl() + path)).header("cookie", cookie)
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (csrfHeader) {
            request.header("x-strait-console", "1");
        }
        return Node.send(request);
    }

    @Test
    void rolesAreEnforcedByTheAdminApiForSessionsWhileTheTokenStaysAFullAdmin() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-02T09:00:00Z"));
        try (Node node = new Node(dir, null, StraitConfig.LimitsSettings.MEMORY, StraitConfig.ScreeningSettings.NONE, clock)) {
            String first = Files.readString(dir.resolve("console-password")).trim();
            HttpResponse<String> admin = login(node, "admin", first);
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
            String setCookie = admin.headers().firstValue("set-cookie").orElseThrow();
            assertThat(setCookie).startsWith("strait_console=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
                    .contains("Path=/");
            String adminCookie = cookie(admin);
            assertThat(Node.read(as(node, adminCookie, "GET", "/admin/session", null, false).body()).get("role").asText())
                    .isEqualTo("admin");

            // Operators are added by an admin session (or the token) and audited without their password.
            assertThat(as(node, adminCookie, "POST", "/admin/operators",
                    "{\"name\":\"fiona\",\"role\":\"finance\",\"password\":\"finance-pass-123\"}", true).statusCode()).isEqualTo(201);
            node.adminJson("POST", "/admin/operators", "{\"name\":\"carl\",\"role\":\"compliance\",\"password\":\"compliance-pass-1\"}");
            assertThat(node.admin("POST", "/admin/operators", "{\"name\":\"shorty\",\"role\":\"finance\",\"password\":\"short\"}")
                    .statusCode()).isEqualTo(400);

            String finance = cookie(login(node, "fiona", "finance-pass-123"));
            assertThat(as(node, finance, "GET", "/admin/reports/usage", null, false).statusCode()).isEqualTo(200);
            assertThat(as(node, finance, "GET", "/admin/usage/series?bucket=1m&period=1h", null, false).statusCode()).isEqualTo(200);
            HttpResponse<String> financeOrgs = as(node, finance, "GET", "/admin/orgs", null, false);
            assertThat(financeOrgs.statusCode()).isEqualTo(403);
            assertThat(financeOrgs.body()).contains("forbidden").contains("finance");
            assertThat(as(node, finance, "POST", "/admin/orgs",
                    "{\"legal_name\":\"Nope Ltd\",\"market\":\"US\",\"kind\":\"enterprise\"}", true).statusCode()).isEqualTo(403);
            assertThat(as(node, finance, "GET", "/admin/audit", null, false).statusCode()).isEqualTo(403);

            String compliance = cookie(login(node, "carl", "compliance-pass-1"));
            assertThat(as(node, compliance, "GET", "/admin/orgs", null, false).statusCode()).isEqualTo(200);
            assertThat(as(node, compliance, "GET", "/admin/audit/verify", null, false).statusCode()).isEqualTo(200);
            assertThat(as(node, compliance, "GET", "/admin/reports/usage", null, false).statusCode()).isEqualTo(403);
            assertThat(as(node, compliance, "POST", "/admin/orgs",
                    "{\"legal_name\":\"Nope Ltd\",\"market\":\"US\",\"kind\":\"enterprise\"}", true).statusCode()).isEqualTo(403);
            assertThat(as(node, compliance, "POST", "/admin/monitor/cases/case_missing/decision",
                    "{\"decision\":\"dismiss\",\"note\":\"n\"}", true).statusCode()).as("permitted, then not found").isEqualTo(404);

            // A change made with a session needs the console's header and, when named, its own origin.
            HttpResponse<String> forged = as(node, adminCookie, "POST", "/admin/orgs",
                    "{\"legal_name\":\"Forged Ltd\",\"market\":\"US\",\"kind\":\"enterprise\"}", false);
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("csrf_rejected");
            HttpResponse<String> otherOrigin = Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/admin/orgs"))
                    .header("cookie", adminCookie).header("x-strait-console", "1").header("origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"legal_name\":\"Forged Ltd\",\"market\":\"US\",\"kind\":\"enterprise\"}")));
            assertThat(otherOrigin.statusCode()).isEqualTo(403);
            assertThat(as(node, adminCookie, "POST", "/admin/orgs",
                    "{\"legal_name\":\"Real Ltd\",\"market\":\"US\",\"kind\":\"enterprise\"}", true).statusCode()).isEqualTo(201);
            HttpResponse<String> loginWithoutHeader = Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/admin/session"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"admin\",\"password\":\"" + first + "\"}")));
            assertThat(loginWithoutHeader.statusCode()).isEqualTo(403);

            // The admin token: a full admin, as before; nothing at all: refused.
            assertThat(node.admin("GET", "/admin/audit", null).statusCode()).isEqualTo(200);
            assertThat(Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/admin/orgs")).GET()).statusCode())
                    .isEqualTo(401);
            assertThat(Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/admin/orgs"))
                    .header("authorization", "Bearer wrong").GET()).statusCode()).isEqualTo(401);

            // A role change ends the operator's sessions; logout ends one; idleness ends the rest.
            node.adminJson("POST", "/admin/operators/carl/role", "{\"role\":\"finance\"}");
            assertThat(as(node, compliance, "GET", "/admin/orgs", null, false).statusCode()).isEqualTo(401);
            assertThat(as(node, adminCookie, "DELETE", "/admin/session", null, true).statusCode()).isEqualTo(200);
            assertThat(as(node, adminCookie, "GET", "/admin/orgs", null, false).statusCode()).isEqualTo(401);
            assertThat(as(node, finance, "GET", "/admin/reports/usage", null, false).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(31));
            assertThat(as(node, finance, "GET", "/admin/reports/usage", null, false).statusCode()).isEqualTo(401);

            String audit = node.adminJson("GET", "/admin/audit", null).toString();
            assertThat(audit).contains("operator.created").contains("operator.login").contains("operator.role_changed")
                    .contains("operator.logout").contains("console:admin").doesNotContain(first)
                    .doesNotContain("finance-pass-123").doesNotContain("compliance-pass-1");
        }
    }

    @Test
    void guessingIsAuditedAndThrottledBeforeAnyPasswordIsChecked() throws Exception {
        try (Node node = new Node(dir)) {
            String first = Files.readString(dir.resolve("console-password")).trim();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> wrong = login(node, "admin", "not-the-password-" + i);
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.headers().firstValue("set-cookie")).isEmpty();
            }
            HttpResponse<String> throttled = login(node, "admin", first);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("retry-after")).isPresent();
            // Another name from the same address may still try, up to the address's own, larger allowance.
            int tries = 0;
            while (login(node, "nobody-" + tries, "whatever-it-is").statusCode() == 401) {
                tries++;
            }
            assertThat(tries).as("20 failures from one address, 5 of them admin's").isEqualTo(15);
            JsonNode audit = node.adminJson("GET", "/admin/audit", null);
            assertThat(audit.toString()).contains("operator.login_failed").doesNotContain("not-the-password");
        }
    }

    @Test
    void theOverviewSeriesBucketsTheLedgerAndTheMatrixNamesTheRuleOfEachCell() throws Exception {
        try (Node node = new Node(dir)) {
            String org = LimitsApiTest.verifiedOrg(node, "Series Trading Inc");
            String key = node.adminJson("POST", "/admin/keys", "{\"org\":\"" + org + "\"}").get("key").asText();
            for (int i = 0; i < 3; i++) {
                assertThat(node.chat(key, "gpt-4o").statusCode()).isEqualTo(200);
            }
            // The ledger writer drains the spool every 100 ms.
            JsonNode series = node.adminJson("GET", "/admin/usage/series?bucket=1m&period=1h&org=" + org, null);
            for (int i = 0; i < 50 && total(series, "requests") < 3; i++) {
                Thread.sleep(100);
                series = node.adminJson("GET", "/admin/usage/series?bucket=1m&period=1h&org=" + org, null);
            }
            assertThat(series.get("data")).hasSize(60);
            assertThat(total(series, "requests")).isEqualTo(3);
            assertThat(total(series, "errors")).isZero();
            assertThat(total(series, "output_tokens")).isPositive();
            JsonNode busy = null;
            for (JsonNode bucket : series.get("data")) {
                if (bucket.get("requests").asLong() > 0) {
                    busy = bucket;
                }
            }
            assertThat(busy.get("p95_ms").asDouble()).isPositive();
            assertThat(new java.math.BigDecimal(busy.get("revenue").get("USD").asText())).isPositive();
            assertThat(node.admin("GET", "/admin/usage/series?bucket=1s&period=1d", null).statusCode())
                    .as("too many buckets").isEqualTo(400);

            JsonNode matrix = node.adminJson("GET", "/admin/policy/matrix", null);
            JsonNode claudeInChina = null;
            for (JsonNode cell : matrix.get("cells")) {
                if (cell.get("model").asText().equals("claude-sonnet-4-5") && cell.get("market").asText().equals("CN")) {
                    claudeInChina = cell;
                }
            }
            assertThat(claudeInChina.get("decision").asText()).isEqualTo("deny");
            assertThat(claudeInChina.get("rule").asText()).contains("markets.CN.vendors");
            assertThat(matrix.toString()).contains("\"regions\":[\"singapore\"]");

            // The CLI adds operators through the admin token and prints a generated password once.
            CliTest.Run added = CliTest.cli(node, "operators", "add", "olga", "--role", "compliance");
            assertThat(added.exit()).as(added.out()).isZero();
            String password = Node.read(added.out()).get("password").asText();
            assertThat(login(node, "olga", password).statusCode()).isEqualTo(200);
            assertThat(CliTest.cli(node, "operators", "list").out()).contains("\"olga\"").contains("\"compliance\"");
            assertThat(CliTest.cli(node, "operators", "passwd", "olga").exit()).isZero();
            assertThat(login(node, "olga", password).statusCode()).as("the old password is gone").isEqualTo(401);
        }
    }

    static long total(JsonNode series, String field) {
        long sum = 0;
        for (JsonNode bucket : series.get("data")) {
            sum += bucket.get(field).asLong();
        }
        return sum;
    }

    @Test
    void theConsoleIsServedFromTheClasspathWithItsCacheAndSecurityHeaders() throws Exception {
        try (Node node = new Node(dir)) {
            HttpResponse<String> index = Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/console/")).GET());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
            assertThat(index.headers().firstValue("cache-control").orElseThrow()).isEqualTo("no-cache");
            assertThat(index.headers().firstValue("content-security-policy").orElseThrow()).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(index.body()).contains("<div id=\"root\">").doesNotContain("https://");
            java.util.regex.Matcher script = java.util.regex.Pattern.compile("/console/(assets/[^\"]+\\.js)").matcher(index.body());
            assertThat(script.find()).isTrue();
            HttpResponse<String> js = Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/console/" + script.group(1))).GET());
            assertThat(js.statusCode()).isEqualTo(200);
            assertThat(js.headers().firstValue("content-type").orElseThrow()).startsWith("text/javascript");
            assertThat(js.headers().firstValue("cache-control").orElseThrow()).contains("immutable");

            HttpResponse<String> deepLink = Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/console/orgs/org_1")).GET());
            assertThat(deepLink.statusCode()).isEqualTo(200);
            assertThat(deepLink.body()).isEqualTo(index.body());
            assertThat(Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/console/assets/missing.js")).GET())
                    .statusCode()).isEqualTo(404);
            assertThat(Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/console/../admin-token")).GET())
                    .statusCode()).isIn(400, 404);
            assertThat(Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl() + "/")).GET()).statusCode()).isEqualTo(302);
        }
    }
}
