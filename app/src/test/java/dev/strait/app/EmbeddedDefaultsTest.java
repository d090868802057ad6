package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user gets from `bin/strait serve`: the built-in world, its demo customers, the official SDKs. */
class EmbeddedDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void theDemoWorldBehavesAsThePolicySays() throws Exception {
        try (Node node = new Node(dir)) {
            Path file = DemoSeed.ensure(node.strait.store(), dir);
            Map<String, JsonNode> byName = new HashMap<>();
            for (JsonNode entry : Node.read(Files.readString(file))) {
                byName.put(entry.get("market").asText() + "/" + entry.get("kind").asText() + "/" + entry.get("state").asText(), entry);
            }
            assertThat(byName).containsKeys("CN/enterprise/verified", "US/enterprise/verified",
                    "EU/enterprise/verified", "US/individual/verified", "US/enterprise/pending");
            // The seeded keys are served once the access snapshot has refreshed (every 200 ms here).
            String firstKey = byName.get("US/enterprise/verified").get("key").asText();
            dev.strait.gateway.Http.await(() -> node.chat(firstKey, "gpt-4o"), r -> r.statusCode() != 401,
                    java.time.Duration.ofSeconds(5));

            // US and EU customers may use every provider's models, DeepSeek's included, from their own region.
            for (String customer : new String[] {"US/enterprise/verified", "EU/enterprise/verified"}) {
                String key = byName.get(customer).get("key").asText();
                for (String model : new String[] {"gpt-4o", "claude-sonnet-4-5", "deepseek-chat"}) {
                    ChatCompletion completion = openai(node, key).chat().completions().create(
                            ChatCompletionCreateParams.builder().model(model).addUserMessage("Hello").build());
                    assertThat(completion.choices().getFirst().message().content()).isPresent();
                }
                Message message = anthropic(node, key).messages().create(MessageCreateParams.builder()
                        .model("deepseek-chat").maxTokens(20).addUserMessage("Hello").build());
                assertThat(message.content()).isNotEmpty();
            }
            String euKey = byName.get("EU/enterprise/verified").get("key").asText();
            assertThat(node.chat(euKey, "deepseek-chat").headers().firstValue("x-strait-region")).hasValue("eu-west");

            // China: OpenAI models from Singapore only, no Anthropic models.
            String cnKey = byName.get("CN/enterprise/verified").get("key").asText();
            assertThat(node.chat(cnKey, "gpt-4o").headers().firstValue("x-strait-region")).hasValue("singapore");
            assertThatThrownBy(() -> openai(node, cnKey).chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("claude-sonnet-4-5").addUserMessage("Hello").build()))
                    .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("not offered in market CN");
            assertThat(openai(node, cnKey).models().list().data().stream().map(Model::id).toList())
                    .contains("gpt-4o", "deepseek-chat").doesNotContain("claude-sonnet-4-5");

            // Individuals and unverified companies are refused.
            assertThat(node.chat(byName.get("US/individual/verified").get("key").asText(), "gpt-4o").body())
                    .contains("individual_not_permitted");
            assertThat(node.chat(byName.get("US/enterprise/pending").get("key").asText(), "gpt-4o").body())
                    .contains("organization_not_verified");

            // Seeding is once: a second call keeps the customers and the file.
            DemoSeed.ensure(node.strait.store(), dir);
            assertThat(node.strait.store().organizations()).hasSize(5);
        }
    }

    private static OpenAIClient openai(Node node, String key) {
        return OpenAIOkHttpClient.builder().baseUrl(node.baseUrl() + "/v1").apiKey(key).maxRetries(0).build();
    }

    private static AnthropicClient anthropic(Node node, String key) {
        return AnthropicOkHttpClient.builder().baseUrl(node.baseUrl()).apiKey(key).maxRetries(0).build();
    }
}
