package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Probes, metrics, deployment health and the Azure routes. */
class OperationsTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();

    @Test
    void probesAnswerOnTheAdminListener() {
        assertThat(Http.get(harness.adminUrl() + "/healthz").statusCode()).isEqualTo(200);
        assertThat(Http.get(harness.adminUrl() + "/readyz").body()).contains("ready");
    }

    @Test
    void metricsCountRequestsLatencyAndTokensByModel() {
        assertThat(Http.post(harness.baseUrl() + "/v1/chat/completions", Http.chatBody("gpt-4o", false), Http.bearer())
                .statusCode()).isEqualTo(200);

        String metrics = Http.get(harness.adminUrl() + "/metrics").body();

        assertThat(metrics).contains("http_server_request_duration_seconds_bucket{")
                .contains("gen_ai_client_operation_duration_seconds_bucket{")
                .contains("gen_ai_client_token_usage_tokens_sum{gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o\",gen_ai_token_type=\"output\"}")
                .contains("strait_tokens_total{")
                .contains("strait_log_dropped ");
    }

    @Test
    void deploymentHealthIsVisible() {
        String body = Http.get(harness.adminUrl() + "/admin/deployments", "authorization", "Bearer " + GatewayHarness.ADMIN_TOKEN).body();

        assertThat(body).contains("\"name\":\"openai-gpt-4o\"").contains("\"circuit\":\"closed\"")
                .contains("\"region\":\"us-east\"").doesNotContain("sk-upstream");
    }

    @Test
    void azureRoutesServeChatAndEmbeddingsWithTheApiKeyHeader() {
        String[] headers = {"api-key", GatewayHarness.KEY, "content-type", "application/json"};
        HttpResponse<String> chat = Http.post(harness.baseUrl()
                        + "/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", headers);
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(chat.body()).contains("\"object\":\"chat.completion\"");
        assertThat(harness.healthy.stats().lastPath()).startsWith("/openai/deployments/gpt-4o-mini/chat/completions");
        assertThat(harness.healthy.stats().lastRequestHeaders()).containsEntry("api-key", "sk-upstream-azure-gpt-4o-mini");

        HttpResponse<String> embeddings = Http.post(harness.baseUrl()
                + "/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21", "{\"input\":\"hi\"}", headers);
        assertThat(embeddings.statusCode()).isEqualTo(200);
        assertThat(embeddings.body()).contains("\"embedding\"");

        HttpResponse<String> noVersion = Http.post(harness.baseUrl() + "/openai/deployments/gpt-4o-mini/chat/completions",
                "{\"messages\":[]}", headers);
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(noVersion.body()).contains("api-version");
    }

    @Test
    void theUpstreamGetsTheDeploymentsCredentialNotTheCallersKey() {
        Http.post(harness.baseUrl() + "/v1/messages", Http.messagesBody("claude-sonnet-4-5", false), Http.anthropic());

        assertThat(harness.healthy.stats().lastRequestHeaders())
                .containsEntry("x-api-key", "sk-upstream-anthropic-claude")
                .containsEntry("anthropic-version", "2023-06-01");
        assertThat(harness.healthy.stats().lastRequestBody()).contains("claude-sonnet-4-5-20250929");
    }
}
