package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traffic of several organizations through a running node is fingerprinted as it is served. A
 * suspect dataset built from one organization's answers — cut to half, a tenth of its words edited,
 * sentences reordered, restyled, mixed with unrelated human text — is attributed to it and to no
 * one else; human text alone to nobody. The index survives a restart, and an organization's
 * signatures can be erased, audited.
 */
class ProvenanceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] WORDS = ("river market signal harbor lantern copper meadow violet engine garden silver"
            + " thunder orbit canvas marble pepper timber velvet glacier falcon saddle ember quartz willow summit"
            + " anchor beacon cobalt dune fable gravel hollow ivory jasper kettle lagoon mosaic nectar oyster"
            + " pillar quiver ribbon sapphire tundra umber vessel walnut yonder zephyr amber bramble cinder dapple"
            + " elm fjord grove heron inlet juniper kelp ledger mantle nimbus opal prism quarry rampart spindle"
            + " tarn upland vale wharf yarrow alder basalt cairn delta estuary fennel gorse heather isle jetty").split(" ");

    @TempDir
    Path dir;

    static String sentence(Random random) {
        int n = 9 + random.nextInt(6);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(WORDS[random.nextInt(WORDS.length)]);
        }
        String s = String.join(" ", words);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    static String prompt(Random random) {
        return IntStream.range(0, 6).mapToObj(i -> sentence(random)).collect(Collectors.joining(" "));
    }

    static String answer(Node node, String key, String prompt) throws Exception {
        String body = JSON.createObjectNode().put("model", "gpt-4o").put("max_tokens", 1000)
                .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user")
                        .put("content", prompt))).toString();
        HttpResponse<String> response = Node.send(HttpRequest.newBuilder(URI.create(node.baseUrl()
                        + "/v1/chat/completions")).header("authorization", "Bearer " + key)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("choices").get(0).path("message").path("content").asText();
    }

    /** A passage as a harvester would reuse it: reordered, cut to half, a tenth of words changed, restyled. */
    static String disguise(String text, Random random) {
        List<String> sentences = new ArrayList<>(List.of(text.split("(?<=\\.) ")));
        Collections.shuffle(sentences, random);
        List<String> words = new ArrayList<>(List.of(String.join(" ", sentences).split(" ")));
        int start = random.nextInt(Math.max(1, words.size() / 2));
        List<String> half = new ArrayList<>(words.subList(start, start + words.size() / 2));
        for (int i = 0; i < half.size() / 10; i++) {
            half.set(random.nextInt(half.size()), "edited");
        }
        return "**" + String.join("  ", half).toUpperCase() + "**";
    }

    @Test
    void attributesADisguisedSampleOfOneOrganizationsAnswersToItAndHumanTextToNobody() throws Exception {
        Random random = new Random(11);
        List<String> orgs = new ArrayList<>();
        List<List<String>> answers = new ArrayList<>();
        try (Node node = new Node(dir)) {
            for (int o = 0; o < 3; o++) {
                String org = LimitsApiTest.verifiedOrg(node, "Generator " + o + " Ltd");
                String key = node.adminJson("POST", "/admin/keys", "{\"org\":\"" + org + "\"}").get("key").asText();
                orgs.add(org);
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    mine.add(answer(node, key, prompt(random)));
                }
                answers.add(mine);
            }
            awaitIndexed(node, 120);

            StringBuilder suspect = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                suspect.append(JSON.createObjectNode().put("text", disguise(answers.get(1).get(i), random))).append('\n');
            }
            Random human = new Random(99);
            for (int i = 0; i < 200; i++) {
                suspect.append(JSON.createObjectNode().put("text", sentence(human) + " " + sentence(human))).append('\n');
            }
            JsonNode attribution = upload(node, suspect.toString());

            JsonNode top = attribution.path("organizations").get(0);
            assertThat(top.path("org").asText()).isEqualTo(orgs.get(1));
            assertThat(top.path("matched_records").asInt()).isGreaterThanOrEqualTo(17);
            for (JsonNode other : attribution.path("organizations")) {
                if (!other.path("org").asText().equals(orgs.get(1))) {
                    assertThat(other.path("matched_records").asInt()).as("no one else").isLessThanOrEqualTo(1);
                }
            }

            StringBuilder humanOnly = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                humanOnly.append(JSON.createObjectNode().put("text", sentence(human) + " " + sentence(human))).append('\n');
            }
            assertThat(upload(node, humanOnly.toString()).path("organizations")).isEmpty();
        }
        try (Node restarted = new Node(dir)) {
            awaitIndexed(restarted, 120);
            JsonNode search = restarted.adminJson("POST", "/admin/provenance/search",
                    JSON.createObjectNode().put("text", answers.get(2).get(5)).toString());
            assertThat(search.toString()).contains(orgs.get(2)).contains("signature_version");

            JsonNode erased = restarted.adminJson("DELETE", "/admin/provenance/orgs/" + orgs.get(2), null);
            assertThat(erased.path("removed").asLong()).isEqualTo(40);
            assertThat(restarted.adminJson("POST", "/admin/provenance/search",
                    JSON.createObjectNode().put("text", answers.get(2).get(5)).toString()).toString())
                    .doesNotContain(orgs.get(2));
            assertThat(restarted.adminJson("GET", "/admin/audit", null).toString()).contains("provenance.erase");
        }
    }

    static JsonNode upload(Node node, String jsonl) {
        HttpResponse<String> response = Node.send(HttpRequest.newBuilder(URI.create(node.adminUrl()
                        + "/admin/provenance/attribute?format=jsonl&name=suspect.jsonl"))
                .header("authorization", "Bearer " + node.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString(jsonl)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Node.read(response.body());
    }

    static void awaitIndexed(Node node, long generations) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (node.adminJson("GET", "/admin/provenance/stats", null).path("generations").asLong() < generations
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(node.adminJson("GET", "/admin/provenance/stats", null).path("generations").asLong())
                .isEqualTo(generations);
    }
}
