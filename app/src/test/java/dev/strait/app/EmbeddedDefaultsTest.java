package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.strait.app.config.ConfigLoader;
import dev.strait.app.config.StraitConfig;
import dev.strait.emulator.Emulator;
import dev.strait.gateway.Gateway;
import dev.strait.gateway.observe.JsonLog;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a new user gets from `bin/strait serve`: the built-in configuration, whole, over the emulator. */
class EmbeddedDefaultsTest {

    @Test
    void theBuiltInConfigurationServesEveryProviderThroughTheEmbeddedEmulator() {
        Vertx vertx = Vertx.vertx();
        Emulator emulator = Emulator.start(vertx, "127.0.0.1", 0);
        StraitConfig config = new ConfigLoader(Map.of("STRAIT_EMULATOR_URL", emulator.baseUrl(),
                "STRAIT_EMULATOR_KEY", "emulator-key")).loadDefault();
        JsonLog log = new JsonLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), 1000);
        Gateway gateway = new Gateway(vertx, config.settings().withPorts(0, 0), config.catalog(), log,
                Clock.systemUTC(), new SecureRandom()).start();
        OpenAIClient openai = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gateway.port() + "/v1")
                .apiKey("demo").maxRetries(0).build();
        AnthropicClient anthropic = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gateway.port())
                .apiKey("demo").maxRetries(0).build();
        try {
            for (String model : config.catalog().models()) {
                if (model.startsWith("text-embedding")) {
                    continue;
                }
                ChatCompletion completion = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(model).addUserMessage("Hello from " + model).build());
                assertThat(completion.choices().getFirst().message().content()).isPresent();
                Message message = anthropic.messages().create(MessageCreateParams.builder().model(model).maxTokens(20)
                        .addUserMessage("Hello from " + model).build());
                assertThat(message.content()).isNotEmpty();
            }
        } finally {
            openai.close();
            anthropic.close();
            gateway.close();
            emulator.close();
            log.close();
            vertx.close().await();
        }
    }
}
