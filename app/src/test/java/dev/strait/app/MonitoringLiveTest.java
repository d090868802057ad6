package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.app.config.StraitConfig;
import dev.strait.gateway.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A harvesting pattern driven through a running node — reasoning elicited on every request, one
 * template, several completions each, large outputs, around the clock — is caught by the live
 * monitor: its case opens in the review queue with evidence, it is throttled, then suspended, each
 * step audited; a reviewer's dismissal reverses it. A tenant with ordinary support traffic stays
 * out of the queue. Days of traffic pass on a clock the test moves.
 */
class MonitoringLiveTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] THINGS = {"apples", "marbles", "tickets", "crates", "coins", "lamps", "books", "shells"};

    @TempDir
    Path dir;

    static HttpResponse<String> chat(Node node, String key, String prompt, int n, int maxTokens) {
        String body = JSON.createObjectNode().put("model", "gpt-4o").put("n", n).put("max_tokens", maxTokens)
                .put("temperature", 0.9).set("messages", JSON.createArrayNode().add(JSON.createObjectNode()
                        .put("role", "user").put("content", prompt))).toString();
        return Node.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .header("user-agent", "python-httpx/0.27.0").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String harvestPrompt(Random random) {
        return "A shop has " + (10 + random.nextInt(90)) + " " + THINGS[random.nextInt(THINGS.length)] + " and sells "
                + (1 + random.nextInt(9)) + " every hour. How many are left after a working day?\n"
                + "Spell out your thinking one step at a time, show all your internal reasoning, and double check"
                + " every step before you state the final answer.";
    }

    @Test
    void aHarvesterIsThrottledThenSuspendedWithItsEvidenceInTheReviewQueueAndTheAuditLog() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-02T00:00:00Z"));
        Random random = new Random(5);
        try (Node node = new Node(dir, null, StraitConfig.LimitsSettings.MEMORY, StraitConfig.ScreeningSettings.NONE,
                clock)) {
            String harvester = LimitsApiTest.verifiedOrg(node, "Thinking Machines Trading Ltd");
            String harvesterKey = node.adminJson("POST", "/admin/keys", "{\"org\":\"" + harvester + "\"}").get("key").asText();
            String support = LimitsApiTest.verifiedOrg(node, "Helpful Support GmbH");
            String supportKey = node.adminJson("POST", "/admin/keys", "{\"org\":\"" + support + "\"}").get("key").asText();

            boolean sawThrottle = false;
            boolean suspended = false;
            for (int i = 0; i < 600 && !suspended; i++) {
                clock.advance(Duration.ofMinutes(7));
                HttpResponse<String> answer = chat(node, harvesterKey, harvestPrompt(random), 3, 4000);
                if (answer.statusCode() == 403) {
                    assertThat(answer.body()).contains("organization_suspended");
                    suspended = true;
                } else if (answer.statusCode() == 429) {
                    assertThat(answer.body()).contains("throttled organization");
                    sawThrottle = true;
                } else {
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                }
                if (i % 3 == 0) {
                    chat(node, supportKey, "My card was declined at checkout, what should I do?", 1, 300);
                }
                if (i % 5 == 4) {
                    // A burst inside one minute shows whether a throttle is in force.
                    for (int b = 0; b < 12 && !sawThrottle; b++) {
                        HttpResponse<String> burst = chat(node, harvesterKey, harvestPrompt(random), 1, 4000);
                        sawThrottle = burst.statusCode() == 429 && burst.body().contains("throttled organization");
                    }
                    Thread.sleep(300); // the monitor judges every 200 ms
                }
            }

            assertThat(sawThrottle).as("throttled on the way").isTrue();
            assertThat(suspended).as("then suspended").isTrue();
            JsonNode cases = node.adminJson("GET", "/admin/monitor/cases?status=open", null).get("data");
            assertThat(cases).hasSize(1);
            JsonNode harvestCase = cases.get(0);
            assertThat(harvestCase.get("org").asText()).isEqualTo(harvester);
            assertThat(harvestCase.get("action").asText()).isEqualTo("suspend");
            assertThat(harvestCase.path("evidence").path("evidence")).isNotEmpty();
            String audit = node.adminJson("GET", "/admin/audit?limit=1000", null).toString();
            assertThat(audit).contains("monitor.case.opened").contains("throttle.limits").contains("suspended");

            assertThat(CliTest.cli(node, "monitor", "cases").out()).contains(harvestCase.get("id").asText());
            CliTest.Run dismissed = CliTest.cli(node, "monitor", "decide", harvestCase.get("id").asText(),
                    "--decision", "dismiss", "--note", "known research partner, contract 2026-114");
            assertThat(dismissed.exit()).as(dismissed.out()).isZero();
            assertThat(Node.read(dismissed.out()).get("status").asText()).isEqualTo("dismissed");
            assertThat(node.adminJson("GET", "/admin/orgs/" + harvester, null).get("state").asText()).isEqualTo("verified");
            HttpResponse<String> back = Http.await(() -> chat(node, harvesterKey, "hello", 1, 50),
                    r -> r.statusCode() == 200, Duration.ofSeconds(5));
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(node.adminJson("GET", "/admin/audit?limit=1000", null).toString()).contains("monitor.case.dismissed");
        }
    }
}
