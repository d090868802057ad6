package dev.strait.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input gets a clear 4xx in the caller's dialect, never a trace, and the gateway keeps serving. */
class BadInputTest {

    @RegisterExtension
    static final GatewayHarness harness = new GatewayHarness();

    @AfterAll
    static void stop() {
        harness.close();
        // After all of it, nothing leaked a trace or a prompt into the logs.
        assertThat(harness.logText()).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("Say something long").doesNotContain(GatewayHarness.KEY);
    }

    String chat() {
        return harness.baseUrl() + "/v1/chat/completions";
    }

    String messages() {
        return harness.baseUrl() + "/v1/messages";
    }

    @Test
    void aBodyOverTheSizeCapIs413() {
        byte[] huge = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');

        HttpResponse<String> response = Http.postBytes(chat(), huge, Http.bearer());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("request_too_large");
        assertGatewayStillServes();
    }

    @Test
    void jsonNestedTooDeeplyIs400() {
        String deep = "{\"model\":\"gpt-4o\",\"messages\":" + "[".repeat(200) + "]".repeat(200) + "}";

        HttpResponse<String> response = Http.post(chat(), deep, Http.bearer());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_json").contains("nesting depth");
    }

    @Test
    void invalidJsonIs400InTheOpenAiDialect() {
        HttpResponse<String> response = Http.post(chat(), "{\"model\": \"gpt-4o\", ", Http.bearer());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":{").contains("\"type\":\"invalid_request_error\"")
                .contains("\"code\":\"invalid_json\"").doesNotContain("at com.").doesNotContain("Exception");
    }

    @Test
    void invalidJsonIs400InTheAnthropicDialect() {
        HttpResponse<String> response = Http.post(messages(), "not json at all", Http.anthropic());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\"");
    }

    @Test
    void invalidUtf8Is400() {
        byte[] prefix = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);

        HttpResponse<String> response = Http.postBytes(chat(), body, Http.bearer());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_json").contains("UTF-8");
    }

    @Test
    void aBodyJacksonTakesForUtf32Is400() {
        // Found by RequestParsingFuzzTest: leading zero bytes make the parser guess UTF-32 and fail
        // with an I/O error rather than a JSON one; the caller still gets a 400 and the gateway serves on.
        byte[] body = "\0\0\0\u0001$el\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = Http.postBytes(chat(), body, Http.bearer());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_json").doesNotContain("Exception");
        assertGatewayStillServes();
    }

    @Test
    void aUserMessageWithoutContentIs400NamingIt() {
        // Found by TranslationFuzzTest: a misspelt "content" was accepted and the turn silently dropped.
        HttpResponse<String> response = Http.post(chat(), "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
                + "\"conjent\":\"hi\"}]}", Http.bearer());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("messages[0].content");
    }

    @Test
    void aMissingModelIs400NamingTheParameter() {
        HttpResponse<String> response = Http.post(chat(),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Http.bearer());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"param\":\"model\"");
    }

    @Test
    void anUnknownModelIs404InEachDialect() {
        assertThat(Http.post(chat(), Http.chatBody("gpt-99", false), Http.bearer()).body())
                .contains("\"code\":\"model_not_found\"");
        HttpResponse<String> anthropic = Http.post(messages(), Http.messagesBody("claude-99", false), Http.anthropic());
        assertThat(anthropic.statusCode()).isEqualTo(404);
        assertThat(anthropic.body()).contains("\"type\":\"not_found_error\"");
    }

    @Test
    void anUnknownRouteIs404AndAWrongMethodIsRefused() {
        HttpResponse<String> unknown = Http.get(harness.baseUrl() + "/v1/nothing-here", Http.bearer());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown_route");

        HttpResponse<String> wrongMethod = Http.get(chat(), Http.bearer());
        assertThat(wrongMethod.statusCode()).isEqualTo(400);
        assertThat(wrongMethod.body()).contains("method_not_allowed");
    }

    @Test
    void aMissingKeyIs401InTheCallersDialect() {
        HttpResponse<String> openAi = Http.post(chat(), Http.chatBody("gpt-4o", false), "content-type", "application/json");
        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(openAi.body()).contains("missing_api_key");

        HttpResponse<String> anthropic = Http.post(messages(), Http.messagesBody("claude-sonnet-4-5", false),
                "anthropic-version", "2023-06-01");
        assertThat(anthropic.statusCode()).isEqualTo(401);
        assertThat(anthropic.body()).contains("\"type\":\"authentication_error\"");
    }

    @Test
    void anthropicRequestsWithoutMaxTokensAre400() {
        HttpResponse<String> response = Http.post(messages(),
                "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Http.anthropic());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("max_tokens");
    }

    @Test
    void aTokenLimitBelowOneIsAClear400NamingIt() {
        // Found by TranslationFuzzTest: -300 went on to an Anthropic deployment as it was.
        for (String limit : new String[] {"\"max_tokens\":-300", "\"max_completion_tokens\":0", "\"max_tokens\":1.5"}) {
            HttpResponse<String> response = Http.post(chat(), "{\"model\":\"claude-sonnet-4-5\"," + limit
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Http.bearer());

            assertThat(response.statusCode()).as(limit).isEqualTo(400);
            assertThat(response.body()).contains("\"code\":\"integer_below_min_value\"")
                    .contains("\"param\":\"" + limit.substring(1, limit.indexOf('"', 1)) + "\"");
        }
    }

    @Test
    void nGreaterThanOneOnAnAnthropicModelIsAClear400() {
        HttpResponse<String> response = Http.post(chat(),
                "{\"model\":\"claude-sonnet-4-5\",\"n\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Http.bearer());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"param\":\"n\"");
    }

    @Test
    void embeddingsOnAModelWithoutThemIs400() {
        HttpResponse<String> response = Http.post(harness.baseUrl() + "/v1/embeddings",
                "{\"model\":\"claude-sonnet-4-5\",\"input\":\"hi\"}", Http.bearer());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unsupported_operation");
    }

    @Test
    void everyResponseCarriesARequestId() {
        HttpResponse<String> ok = Http.post(chat(), Http.chatBody("gpt-4o", false), Http.bearer());
        HttpResponse<String> bad = Http.post(chat(), "{", Http.bearer());

        assertThat(ok.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(bad.headers().firstValue("x-request-id")).isPresent();
        HttpResponse<String> given = Http.post(chat(), Http.chatBody("gpt-4o", false), "authorization", "Bearer " + GatewayHarness.KEY,
                "content-type", "application/json", "x-request-id", "trace-123");
        assertThat(given.headers().firstValue("x-client-request-id")).hasValue("trace-123");
        assertThat(given.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }

    /** The ledger is idempotent by request id: a caller must not be able to choose it and be billed once. */
    @Test
    void aCallerRepeatingItsOwnRequestIdIsMeteredEveryTime() {
        int before = harness.usage.size();
        for (int i = 0; i < 3; i++) {
            Http.post(chat(), Http.chatBody("gpt-4o", false), "authorization", "Bearer " + GatewayHarness.KEY,
                    "content-type", "application/json", "x-request-id", "same-id");
        }

        var records = harness.usage.subList(before, harness.usage.size());
        assertThat(records).hasSize(3);
        assertThat(records.stream().map(r -> r.requestId()).distinct()).hasSize(3).doesNotContain("same-id");
    }

    private void assertGatewayStillServes() {
        assertThat(Http.post(chat(), Http.chatBody("gpt-4o", false), Http.bearer()).statusCode()).isEqualTo(200);
    }
}
