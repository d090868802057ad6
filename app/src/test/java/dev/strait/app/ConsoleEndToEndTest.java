package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strait.app.config.StraitConfig;
import dev.strait.screening.ScreeningConfig;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator console in a real headless Chromium against a real node: the browser logs in,
 * adds a finance viewer, onboards a company that hits a denied-party list (verification refused,
 * the hit cleared with a reason, then verified), creates a key, sees the traffic sent with it on
 * the overview charts, checks the policy, dismisses a monitoring case opened by a harvesting
 * pattern, reads revenue by territory, verifies the audit chain, works at 390 px, and shows the
 * finance viewer refused admin actions by the UI and by the API (console/e2e/console.e2e.mjs).
 * Screenshots are kept in app/target/console-screenshots.
 */
class ConsoleEndToEndTest {

    static final Path CONSOLE = Path.of("..", "console").toAbsolutePath().normalize();
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void anOperatorOnboardsACustomerSeesItsTrafficActsOnAnAlertAndVerifiesTheAuditChainInABrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "no /usr/bin/chromium: console/scripts/ensure-chromium.sh installs it when the build runs as root");
        Assumptions.assumeTrue(Files.isDirectory(CONSOLE.resolve("node_modules/playwright-core")),
                "console/node_modules is missing: the console module's build runs npm ci");
        Path lists = Files.createDirectories(dir.resolve("lists"));
        try (InputStream in = ConsoleEndToEndTest.class.getResourceAsStream("/screening-lists/blocklist.csv")) {
            Files.write(lists.resolve("blocklist.csv"), in.readAllBytes());
        }
        MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (Node node = new Node(dir.resolve("node"), null, StraitConfig.LimitsSettings.MEMORY,
                new StraitConfig.ScreeningSettings(lists, ScreeningConfig.defaults(), true), clock)) {
            String harvester = openAMonitoringCase(node, clock);

            Path screenshots = Path.of("target", "console-screenshots").toAbsolutePath();
            Files.createDirectories(screenshots);
            Path output = dir.resolve("e2e.log");
            ProcessBuilder e2e = new ProcessBuilder("node", "e2e/console.e2e.mjs").directory(CONSOLE.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            e2e.environment().put("CONSOLE_URL", node.adminUrl());
            e2e.environment().put("GATEWAY_URL", node.baseUrl());
            e2e.environment().put("CONSOLE_PASSWORD", Files.readString(dir.resolve("node/console-password")).trim());
            e2e.environment().put("LISTED_NAME", "CRESTLINE VENTURES LIMITED");
            e2e.environment().put("CASE_ORG", harvester);
            e2e.environment().put("SCREENSHOTS", screenshots.toString());
            e2e.environment().put("CHROMIUM", CHROMIUM.toString());
            Process process = e2e.start();
            boolean finished = process.waitFor(4, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println(log);
            assertThat(finished).as("the browser test finished in time:\n" + log).isTrue();
            assertThat(process.exitValue()).as(log).isZero();

            // What the browser did is what the node now holds.
            JsonNode orgs = node.adminJson("GET", "/admin/orgs", null).get("data");
            JsonNode onboarded = null;
            for (JsonNode org : orgs) {
                if (org.get("legal_name").asText().equals("CRESTLINE VENTURES LIMITED")) {
                    onboarded = org;
                }
            }
            assertThat(onboarded).isNotNull();
            assertThat(onboarded.get("state").asText()).isEqualTo("verified");
            assertThat(node.adminJson("GET", "/admin/usage/requests?org=" + onboarded.get("id").asText(), null)
                    .get("request_ids")).hasSize(6);
            JsonNode screening = node.adminJson("GET", "/admin/screening/orgs/" + onboarded.get("id").asText(), null)
                    .get("data").get(0);
            assertThat(screening.get("resolution").asText()).isEqualTo("cleared");
            assertThat(screening.get("reviewer").asText()).isEqualTo("console:admin");
            assertThat(node.adminJson("GET", "/admin/monitor/cases?status=open", null).get("data")).isEmpty();
            String audit = node.adminJson("GET", "/admin/audit", null).toString();
            assertThat(audit).contains("operator.login_failed").contains("monitor.case.dismissed")
                    .contains("\"actor\":\"finance-viewer\",\"action\":\"operator.login\"");
            assertThat(node.adminJson("GET", "/admin/audit/verify", null).get("intact").asBoolean()).isTrue();
            for (String shot : new String[] {"overview-1280", "overview-390", "org-1280", "monitoring-1280",
                "audit-1280", "finance-refused-1280"}) {
                assertThat(screenshots.resolve(shot + ".png")).isNotEmptyFile();
            }
        }
    }

    /** Drives the harvesting pattern of {@link MonitoringLiveTest} until the monitor opens a case. */
    static String openAMonitoringCase(Node node, MovableClock clock) throws Exception {
        String harvester = LimitsApiTest.verifiedOrg(node, "Thinking Machines Trading Ltd");
        String key = node.adminJson("POST", "/admin/keys", "{\"org\":\"" + harvester + "\"}").get("key").asText();
        Random random = new Random(5);
        for (int i = 0; i < 600; i++) {
            clock.advance(Duration.ofMinutes(7));
            HttpResponse<String> answer = MonitoringLiveTest.chat(node, key, MonitoringLiveTest.harvestPrompt(random), 3, 4000);
            assertThat(answer.statusCode()).as(answer.body()).isIn(200, 429, 403);
            if (i % 5 == 4) {
                Thread.sleep(300); // the monitor judges every 200 ms
                if (!node.adminJson("GET", "/admin/monitor/cases?status=open", null).get("data").isEmpty()) {
                    return harvester;
                }
            }
        }
        throw new AssertionError("the harvesting pattern opened no monitoring case");
    }
}
