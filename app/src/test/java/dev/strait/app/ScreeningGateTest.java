package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strait.app.config.StraitConfig;
import dev.strait.screening.ScreeningConfig;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onboarding gate through the admin API: an organization is screened when created; one that
 * hits a denied-party list cannot be verified until a reviewer clears the hit with a reason, and
 * never when the match is confirmed; a list update re-screens everyone and suspends the newly
 * blocked, with a report of what changed. Every step is in the audit log.
 */
class ScreeningGateTest {

    @TempDir
    Path dir;

    Node node(Path lists) {
        return new Node(dir.resolve("node"), null, StraitConfig.LimitsSettings.MEMORY,
                new StraitConfig.ScreeningSettings(lists, ScreeningConfig.defaults(), true), Clock.systemUTC());
    }

    static String org(Node node, String name, String market) {
        return node.adminJson("POST", "/admin/orgs", "{\"legal_name\":\"" + name + "\",\"market\":\"" + market
                + "\",\"kind\":\"enterprise\"}").get("id").asText();
    }

    static HttpResponse<String> verify(Node node, String org) {
        return node.admin("POST", "/admin/orgs/" + org + "/state", "{\"state\":\"verified\",\"reason\":\"documents\"}");
    }

    @Test
    void aListedCompanyCannotBeVerifiedUntilClearedAndAListUpdateSuspendsTheNewlyBlocked() throws Exception {
        Path lists = Files.createDirectories(dir.resolve("lists"));
        try (InputStream in = ScreeningGateTest.class.getResourceAsStream("/screening-lists/blocklist.csv")) {
            Files.write(lists.resolve("blocklist.csv"), in.readAllBytes());
        }
        try (Node node = node(lists)) {
            String listed = org(node, "CRESTLINE VENTURES LIMITED", "US");
            HttpResponse<String> refused = verify(node, listed);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("cannot be verified").containsAnyOf("(block", "(review");

            JsonNode screening = node.adminJson("GET", "/admin/screening/orgs/" + listed, null).get("data").get(0);
            assertThat(screening.get("decision").asText()).as("US, not the listed GB: review at least").isIn("block", "review");
            assertThat(screening.get("trigger").asText()).isEqualTo("onboarding");
            JsonNode hit = screening.path("result").path("hits").get(0);
            assertThat(hit.get("entry").asText()).isEqualTo("Crestline Ventures Ltd.");
            assertThat(hit.get("explanation").asText()).isNotBlank();
            assertThat(screening.path("result").path("lists").get(0).get("sha256").asText()).hasSize(64);

            HttpResponse<String> noReason = node.admin("POST", "/admin/screening/" + screening.get("id").asText()
                    + "/resolve", "{\"resolution\":\"cleared\"}");
            assertThat(noReason.statusCode()).isEqualTo(400);
            node.adminJson("POST", "/admin/screening/" + screening.get("id").asText() + "/resolve",
                    "{\"resolution\":\"confirmed\",\"reason\":\"same registered address as the listed party\"}");
            assertThat(verify(node, listed).statusCode()).as("a confirmed match stays blocking").isEqualTo(409);

            String namesake = org(node, "Crestline Ventures Ltd", "EU");
            String namesakeScreening = node.adminJson("GET", "/admin/screening/orgs/" + namesake, null).get("data").get(0)
                    .get("id").asText();
            CliTest.Run resolved = CliTest.cli(node, "screening", "resolve", namesakeScreening, "--resolution", "cleared",
                    "--reason", "different registration number, incorporated 2024");
            assertThat(resolved.exit()).as(resolved.out()).isZero();
            assertThat(CliTest.cli(node, "screening", "list", "--org", namesake).out()).contains("\"cleared\"");
            assertThat(verify(node, namesake).statusCode()).as("cleared by a reviewer").isEqualTo(200);

            String clean = org(node, "Harbor Lantern Analytics GmbH", "EU");
            assertThat(verify(node, clean).statusCode()).isEqualTo(200);

            Files.writeString(lists.resolve("blocklist.csv"), "\"Harbor Lantern Analytics GmbH\",\"\",,\"sanctioned 2026-11\"\n",
                    StandardOpenOption.APPEND);
            JsonNode report = node.adminJson("POST", "/admin/screening/reload", null);

            assertThat(report.get("lists_changed").asBoolean()).isTrue();
            assertThat(report.get("organizations_changed").toString()).contains(clean).contains("\"after\":\"block\"")
                    .contains("\"action\":\"suspended\"");
            assertThat(node.adminJson("GET", "/admin/orgs/" + clean, null).get("state").asText()).isEqualTo("suspended");
            String audit = node.adminJson("GET", "/admin/audit", null).toString();
            assertThat(audit).contains("screening.result").contains("screening.resolved")
                    .contains("different registration number");
        }
    }

    @Test
    void withoutListsTheGateIsOpenAndSaysSo() {
        try (Node node = node(null)) {
            String org = org(node, "Anything Ltd", "US");
            assertThat(verify(node, org).statusCode()).isEqualTo(200);
            assertThat(node.adminJson("GET", "/admin/screening/orgs/" + org, null).get("data").get(0)
                    .get("decision").asText()).isEqualTo("unscreened");
            assertThat(node.admin("POST", "/admin/screening/check", "{\"name\":\"x\"}").body())
                    .contains("no denied-party lists are configured");
        }
    }
}
