package dev.strait.gateway.translate;

import static dev.strait.gateway.translate.JsonFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ErrorBodiesTest {

    @Test
    void keepsTheOpenAiMessageAndTypesItByStatusForAnAnthropicCaller() {
        var body = ErrorBodies.anthropicFromOpenAi(429, json("""
                {"error":{"message":"Rate limit reached for gpt-4o","type":"requests","param":null,"code":"rate_limit_exceeded"}}"""));

        assertThat(body).isEqualTo(json("""
                {"type":"error","error":{"type":"rate_limit_error","message":"Rate limit reached for gpt-4o"}}"""));
    }

    @Test
    void keepsTheAnthropicMessageAndTypesItByStatusForAnOpenAiCaller() {
        var body = ErrorBodies.openAiFromAnthropic(400, json("""
                {"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: must be positive"},
                 "request_id":"req_1"}"""));

        assertThat(body).isEqualTo(json("""
                {"error":{"message":"max_tokens: must be positive","type":"invalid_request_error","param":null,"code":null}}"""));
    }

    @ParameterizedTest
    @CsvSource({"400,invalid_request_error", "401,authentication_error", "403,permission_error",
            "404,not_found_error", "413,request_too_large", "422,invalid_request_error", "429,rate_limit_error",
            "500,api_error", "502,api_error", "503,overloaded_error", "529,overloaded_error"})
    void typesAnthropicErrorsByStatus(int status, String type) {
        assertThat(ErrorBodies.anthropic(status, "m").at("/error/type").asText()).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({"400,invalid_request_error,", "401,authentication_error,invalid_api_key",
            "403,permission_error,", "404,not_found_error,", "413,invalid_request_error,request_too_large",
            "429,rate_limit_error,rate_limit_exceeded", "500,server_error,", "529,server_error,overloaded"})
    void typesOpenAiErrorsByStatus(int status, String type, String code) {
        var error = ErrorBodies.openAi(status, "m", null).get("error");

        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("code").isNull() ? null : error.get("code").asText()).isEqualTo(code);
    }

    @Test
    void saysWhatHappenedWhenTheUpstreamBodyHasNoMessage() {
        assertThat(ErrorBodies.anthropicFromOpenAi(502, json("{}")).at("/error/message").asText())
                .isEqualTo("The upstream model returned HTTP 502.");
    }

    @Test
    void answersOpenAiCallersWith503WhereAnthropicSays529() {
        assertThat(ErrorBodies.openAiStatus(529)).isEqualTo(503);
        assertThat(ErrorBodies.openAiStatus(429)).isEqualTo(429);
    }
}
