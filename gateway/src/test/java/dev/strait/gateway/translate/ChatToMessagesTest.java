package dev.strait.gateway.translate;

import static dev.strait.gateway.translate.JsonFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ChatToMessagesTest {

    private static ObjectNode translate(String chat) {
        return ChatToMessages.request(json(chat), "claude-sonnet-4-5", 4096);
    }

    @Test
    void joinsSystemAndDeveloperMessagesIntoTheSystemPrompt() {
        ObjectNode out = translate("""
                {"model":"gpt-4o","messages":[
                  {"role":"system","content":"You are terse."},
                  {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
                  {"role":"user","content":"Hello"}]}""");

        assertThat(out.get("system").asText()).isEqualTo("You are terse.\n\nAnswer in French.");
        assertThat(out.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(out.get("messages")).isEqualTo(json("""
                {"m":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]}""").get("m"));
    }

    @Test
    void usesTheDefaultMaxTokensOnlyWhenTheCallerSetsNone() {
        assertThat(translate("""
                {"messages":[{"role":"user","content":"Hi"}]}""").get("max_tokens").asInt()).isEqualTo(4096);
        assertThat(translate("""
                {"max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}""").get("max_tokens").asInt())
                .isEqualTo(100);
        assertThat(translate("""
                {"max_tokens":100,"max_completion_tokens":200,"messages":[{"role":"user","content":"Hi"}]}""")
                .get("max_tokens").asInt()).isEqualTo(200);
    }

    @Test
    void carriesSamplingStopStreamAndUser() {
        ObjectNode out = translate("""
                {"messages":[{"role":"user","content":"Hi"}],"temperature":0.2,"top_p":0.9,
                 "stop":"END","stream":true,"user":"user-42","seed":7}""");

        assertThat(out.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(out.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(out.get("stop_sequences")).containsExactly(json("{\"s\":\"END\"}").get("s"));
        assertThat(out.get("stream").asBoolean()).isTrue();
        assertThat(out.at("/metadata/user_id").asText()).isEqualTo("user-42");
        assertThat(out.has("seed")).isFalse();
    }

    @Test
    void turnsImageUrlsIntoBase64OrUrlSources() {
        ObjectNode out = translate("""
                {"messages":[{"role":"user","content":[
                  {"type":"text","text":"Compare"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"high"}}]}]}""");

        JsonNode content = out.at("/messages/0/content");
        assertThat(content.get(1)).isEqualTo(json("""
                {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}"""));
        assertThat(content.get(2)).isEqualTo(json("""
                {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}"""));
    }

    @Test
    void turnsToolCallsIntoToolUseAndMergesConsecutiveToolResultsIntoOneUserTurn() {
        ObjectNode out = translate("""
                {"messages":[
                  {"role":"user","content":"Weather in Paris and Rome?"},
                  {"role":"assistant","content":null,"tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                    {"id":"call_2","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"18C"},
                  {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"24C"}]},
                  {"role":"user","content":"Which is warmer?"}]}""");

        assertThat(out.get("messages")).hasSize(3);
        assertThat(out.at("/messages/1")).isEqualTo(json("""
                {"role":"assistant","content":[
                  {"type":"tool_use","id":"call_1","name":"weather","input":{"city":"Paris"}},
                  {"type":"tool_use","id":"call_2","name":"weather","input":{"city":"Rome"}}]}"""));
        assertThat(out.at("/messages/2")).isEqualTo(json("""
                {"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"call_1","content":"18C"},
                  {"type":"tool_result","tool_use_id":"call_2","content":"24C"},
                  {"type":"text","text":"Which is warmer?"}]}"""));
    }

    @Test
    void givesInvalidToolArgumentsAnEmptyInputObject() {
        ObjectNode out = translate("""
                {"messages":[{"role":"assistant","tool_calls":[
                  {"id":"call_1","type":"function","function":{"name":"f","arguments":"{\\"trunc"}}]}]}""");

        assertThat(out.at("/messages/0/content/0/input")).isEqualTo(json("{}"));
    }

    @Test
    void declaresFunctionToolsWithTheirSchemas() {
        ObjectNode out = translate("""
                {"messages":[{"role":"user","content":"Hi"}],"tools":[
                  {"type":"function","function":{"name":"weather","description":"Current weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
                  {"type":"function","function":{"name":"now"}}]}""");

        assertThat(out.get("tools")).isEqualTo(json("""
                {"t":[{"name":"weather","description":"Current weather",
                       "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                      {"name":"now","input_schema":{"type":"object","properties":{}}}]}""").get("t"));
        assertThat(out.has("tool_choice")).isFalse();
    }

    @Test
    void mapsEachToolChoiceToItsAnthropicEquivalent() {
        assertThat(choice("\"auto\"")).isNull();
        assertThat(choice("\"none\"")).isEqualTo(json("{\"type\":\"none\"}"));
        assertThat(choice("\"required\"")).isEqualTo(json("{\"type\":\"any\"}"));
        assertThat(choice("{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}"))
                .isEqualTo(json("{\"type\":\"tool\",\"name\":\"weather\"}"));
    }

    @Test
    void disablesParallelToolUseWhenTheCallerDisablesParallelToolCalls() {
        ObjectNode out = translate("""
                {"messages":[{"role":"user","content":"Hi"}],"parallel_tool_calls":false,
                 "tools":[{"type":"function","function":{"name":"f"}}]}""");

        assertThat(out.get("tool_choice")).isEqualTo(json("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
    }

    @Test
    void rejectsMoreThanOneChoice() {
        assertThatThrownBy(() -> translate("""
                {"n":2,"messages":[{"role":"user","content":"Hi"}]}"""))
                .isInstanceOfSatisfying(TranslationException.class, e -> {
                    assertThat(e.param()).isEqualTo("n");
                    assertThat(e.getMessage()).isEqualTo("n > 1 is not supported by this model");
                });
    }

    @Test
    void rejectsAudioPartsNamingThePart() {
        assertThatThrownBy(() -> translate("""
                {"messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"x","format":"wav"}}]}]}"""))
                .isInstanceOfSatisfying(TranslationException.class,
                        e -> assertThat(e.param()).isEqualTo("messages[0].content[0].type"));
    }

    @Test
    void aToolMessageWithoutItsCallIdIsRefusedByNameNotSentAsNull() {
        assertThatThrownBy(() -> translate("""
                {"messages":[{"role":"user","content":"Hi"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                 {"role":"tool","content":"42"}]}"""))
                .isInstanceOfSatisfying(TranslationException.class,
                        e -> assertThat(e.param()).isEqualTo("messages[2].tool_call_id"));
    }

    @Test
    void aTextPartWithoutTextIsRefusedByName() {
        assertThatThrownBy(() -> translate("""
                {"messages":[{"role":"user","content":[{"type":"text"}]}]}"""))
                .isInstanceOfSatisfying(TranslationException.class,
                        e -> assertThat(e.param()).isEqualTo("messages[0].content[0].text"));
    }

    @Test
    void asksForJsonInTheSystemPromptWhenAResponseFormatIsSet() {
        ObjectNode out = translate("""
                {"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"List colours"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"c","schema":{"type":"array"}}}}""");

        assertThat(out.get("system").asText())
                .startsWith("Be brief.\n\nRespond only with a single valid JSON value")
                .endsWith("{\"type\":\"array\"}");
    }

    private static JsonNode choice(String toolChoice) {
        return translate("""
                {"messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"weather"}}],
                 "tool_choice":%s}""".formatted(toolChoice)).get("tool_choice");
    }
}
