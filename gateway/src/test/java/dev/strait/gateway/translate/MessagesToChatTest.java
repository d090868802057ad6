package dev.strait.gateway.translate;

import static dev.strait.gateway.translate.JsonFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesToChatTest {

    private static ObjectNode translate(String messages) {
        return MessagesToChat.request(json(messages), "gpt-4o");
    }

    @Test
    void putsTheSystemPromptFirstWhetherStringOrBlocks() {
        ObjectNode fromBlocks = translate("""
                {"model":"claude","max_tokens":512,
                 "system":[{"type":"text","text":"You are terse."},{"type":"text","text":"Answer in French.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":"Hello"}]}""");

        assertThat(fromBlocks.get("messages")).isEqualTo(json("""
                {"m":[{"role":"system","content":"You are terse.\\n\\nAnswer in French."},
                      {"role":"user","content":"Hello"}]}""").get("m"));
        assertThat(fromBlocks.get("max_tokens").asInt()).isEqualTo(512);
        assertThat(fromBlocks.get("model").asText()).isEqualTo("gpt-4o");
    }

    @Test
    void asksForUsageWhenStreaming() {
        ObjectNode out = translate("""
                {"max_tokens":10,"stream":true,"stop_sequences":["END"],"metadata":{"user_id":"u-1"},"top_k":5,
                 "messages":[{"role":"user","content":"Hi"}]}""");

        assertThat(out.get("stream").asBoolean()).isTrue();
        assertThat(out.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(out.get("stop")).isEqualTo(json("{\"s\":[\"END\"]}").get("s"));
        assertThat(out.get("user").asText()).isEqualTo("u-1");
        assertThat(out.has("top_k")).isFalse();
    }

    @Test
    void placesToolResultsAsToolMessagesBeforeTheUsersNewText() {
        ObjectNode out = translate("""
                {"max_tokens":10,"messages":[
                  {"role":"user","content":"Weather in Paris?"},
                  {"role":"assistant","content":[
                    {"type":"thinking","thinking":"Let me look","signature":"sig"},
                    {"type":"text","text":"Checking."},
                    {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}}]},
                  {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"18C"}]},
                    {"type":"text","text":"And tomorrow?"}]}]}""");

        assertThat(out.get("messages")).isEqualTo(json("""
                {"m":[{"role":"user","content":"Weather in Paris?"},
                      {"role":"assistant","content":"Checking.","tool_calls":[
                        {"id":"toolu_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                      {"role":"tool","tool_call_id":"toolu_1","content":"18C"},
                      {"role":"user","content":"And tomorrow?"}]}""").get("m"));
    }

    @Test
    void saysInWordsThatAToolResultWasAnError() {
        ObjectNode out = translate("""
                {"max_tokens":10,"messages":[{"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"toolu_1","is_error":true,"content":"city not found"}]}]}""");

        assertThat(out.at("/messages/0/content").asText()).isEqualTo("Error: city not found");
    }

    @Test
    void turnsImagesIntoImageUrlParts() {
        ObjectNode out = translate("""
                {"max_tokens":10,"messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/4AAQ"}},
                  {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}},
                  {"type":"text","text":"What is this?"}]}]}""");

        assertThat(out.at("/messages/0/content")).isEqualTo(json("""
                {"c":[{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}},
                      {"type":"image_url","image_url":{"url":"https://example.com/a.png"}},
                      {"type":"text","text":"What is this?"}]}""").get("c"));
    }

    @Test
    void mapsEachToolChoiceBack() {
        assertThat(choice("{\"type\":\"auto\"}").get("tool_choice").asText()).isEqualTo("auto");
        assertThat(choice("{\"type\":\"any\"}").get("tool_choice").asText()).isEqualTo("required");
        assertThat(choice("{\"type\":\"none\"}").get("tool_choice").asText()).isEqualTo("none");
        assertThat(choice("{\"type\":\"tool\",\"name\":\"weather\"}").get("tool_choice"))
                .isEqualTo(json("{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}"));
        assertThat(choice("{\"type\":\"any\",\"disable_parallel_tool_use\":true}").get("parallel_tool_calls").asBoolean())
                .isFalse();
    }

    @Test
    void rejectsServerToolsItCannotRun() {
        assertThatThrownBy(() -> translate("""
                {"max_tokens":10,"messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"type":"web_search_20250305","name":"web_search"}]}"""))
                .isInstanceOfSatisfying(TranslationException.class, e -> assertThat(e.param()).isEqualTo("tools.0.type"));
    }

    @Test
    void rejectsDocumentBlocks() {
        assertThatThrownBy(() -> translate("""
                {"max_tokens":10,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"}}]}]}"""))
                .isInstanceOfSatisfying(TranslationException.class,
                        e -> assertThat(e.param()).isEqualTo("messages.0.content.0.type"));
    }

    private static ObjectNode choice(String toolChoice) {
        return translate("""
                {"max_tokens":10,"messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"name":"weather","input_schema":{"type":"object"}}],"tool_choice":%s}""".formatted(toolChoice));
    }

    @Test
    void aSystemBlockWithoutTextIsRefusedNotSentAsTheWordNull() {
        // Found by TranslationFuzzTest (seed crash-system-block-without-text).
        assertThatThrownBy(() -> MessagesToChat.request(json("""
                {"model":"claude","max_tokens":10,"system":[{"type":"text","usetext":"Sys"}],
                 "messages":[{"role":"user","content":"hi"}]}"""), "gpt-4o"))
                .isInstanceOf(TranslationException.class).hasMessageContaining("'text'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"tool_result\",\"content\":\"42\"} | messages.0.content.0.tool_use_id",
            "{\"type\":\"text\"} | messages.0.content.0.text",
            "{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":[{\"type\":\"text\"}]} | messages.0.content.0.content.0.text",
            "{\"type\":\"image\",\"source\":{\"type\":\"url\"}} | messages.0.content.0.source.url"})
    void aBlockMissingAStringItsDialectRequiresIsRefusedByNameNotSentAsNull(String block, String param) {
        assertThatThrownBy(() -> MessagesToChat.request(json("""
                {"model":"claude","max_tokens":10,"messages":[{"role":"user","content":[%s]}]}""".formatted(block)),
                "gpt-4o"))
                .isInstanceOfSatisfying(TranslationException.class, e -> assertThat(e.param()).isEqualTo(param));
    }

    @Test
    void aToolUseWithoutIdOrNameIsRefusedByName() {
        assertThatThrownBy(() -> MessagesToChat.request(json("""
                {"model":"claude","max_tokens":10,"messages":[{"role":"user","content":"hi"},
                 {"role":"assistant","content":[{"type":"tool_use","name":"f","input":{}}]}]}"""), "gpt-4o"))
                .isInstanceOfSatisfying(TranslationException.class,
                        e -> assertThat(e.param()).isEqualTo("messages.1.content.0.id"));
    }
}
