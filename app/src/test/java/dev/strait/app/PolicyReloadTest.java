package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy as code: reloaded without a restart, and a bad file never replaces a good one. */
class PolicyReloadTest {

    @TempDir
    Path dir;

    @Test
    void anEditedPolicyTakesEffectWithoutARestartAndIsAudited() throws Exception {
        try (Node node = new Node(dir)) {
            String key = verifiedKey(node, "CN");
            assertThat(node.chat(key, "gpt-4o").statusCode()).isEqualTo(200);

            String policy = Files.readString(node.policyFile);
            Files.writeString(node.policyFile, policy.replace("vendors: [openai, deepseek]", "vendors: [deepseek]"));
            JsonNode reload = node.adminJson("POST", "/admin/policy/reload", null);

            assertThat(reload.get("changed").asBoolean()).isTrue();
            assertThat(node.chat(key, "gpt-4o").body()).contains("model_not_available_in_market");
            assertThat(node.adminJson("GET", "/admin/audit", null).toString()).contains("policy.change");
        }
    }

    @Test
    void theWatcherPicksUpAnEditByItself() throws Exception {
        try (Node node = new Node(dir)) {
            String key = verifiedKey(node, "CN");
            String policy = Files.readString(node.policyFile);
            Files.writeString(node.policyFile, policy.replace("vendors: [openai, deepseek]", "vendors: [deepseek]"));

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (node.chat(key, "gpt-4o").statusCode() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(node.chat(key, "gpt-4o").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aBadPolicyIsRefusedWithFileLineAndFieldAndTheLastGoodOneKeepsServing() throws Exception {
        try (Node node = new Node(dir)) {
            String key = verifiedKey(node, "US");
            String good = node.adminJson("GET", "/admin/policy", null).get("sha256").asText();
            String policy = Files.readString(node.policyFile);
            Files.writeString(node.policyFile, policy.replace("    serve_from: [us-east]", "    serve_from: [us-east]\n    serve_form: [eu-west]"),
                    StandardCharsets.UTF_8);

            HttpResponse<String> reload = node.admin("POST", "/admin/policy/reload", null);

            assertThat(reload.statusCode()).isEqualTo(422);
            assertThat(Node.read(reload.body()).get("error").asText()).matches(".*policy.yaml:\\d+: markets.US.serve_form: unknown field.*");
            assertThat(node.adminJson("GET", "/admin/policy", null).get("sha256").asText()).isEqualTo(good);
            assertThat(node.chat(key, "gpt-4o").statusCode()).isEqualTo(200);
            assertThat(node.adminJson("GET", "/admin/policy", null).get("last_reload_error").asText()).contains("serve_form");
        }
    }

    static String verifiedKey(Node node, String market) {
        JsonNode org = node.adminJson("POST", "/admin/orgs",
                "{\"legal_name\":\"Policy Co " + market + "\",\"market\":\"" + market + "\",\"kind\":\"enterprise\"}");
        node.adminJson("POST", "/admin/orgs/" + org.get("id").asText() + "/state", "{\"state\":\"verified\"}");
        return node.adminJson("POST", "/admin/keys", "{\"org\":\"" + org.get("id").asText() + "\"}").get("key").asText();
    }
}
