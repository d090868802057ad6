package dev.strait.gateway.translate;

import static dev.strait.gateway.translate.JsonFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RequestRoundTripTest {

    @Test
    void aChatRequestSurvivesTheTripThroughAnthropicAndBack() {
        ObjectNode chat = json("""
                {"model":"gpt-4o","max_tokens":300,"temperature":0.5,"stop":["END"],"user":"u-7",
                 "messages":[
                  {"role":"system","content":"You are a weather bot."},
                  {"role":"user","content":"Weather in Paris and Rome?"},
                  {"role":"assistant","content":"Checking both.","tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                    {"id":"call_2","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"18C"},
                  {"role":"tool","tool_call_id":"call_2","content":"24C"},
                  {"role":"assistant","content":"Rome is warmer."},
                  {"role":"user","content":"Thanks"}],
                 "tools":[{"type":"function","function":{"name":"weather","description":"Current weather",
                           "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
                 "tool_choice":"required"}""");

        ObjectNode back = MessagesToChat.request(ChatToMessages.request(chat, "claude", 1024), "gpt-4o");

        assertThat(back.get("messages")).isEqualTo(chat.get("messages"));
        assertThat(back.get("tools")).isEqualTo(chat.get("tools"));
        assertThat(back.get("tool_choice")).isEqualTo(chat.get("tool_choice"));
        assertThat(back.get("max_tokens")).isEqualTo(chat.get("max_tokens"));
        assertThat(back.get("stop")).isEqualTo(chat.get("stop"));
        assertThat(back.get("user")).isEqualTo(chat.get("user"));
        assertThat(back.get("temperature")).isEqualTo(chat.get("temperature"));
    }

    @Test
    void anAnthropicRequestSurvivesTheTripThroughChatAndBack() {
        ObjectNode messages = json("""
                {"model":"claude","max_tokens":300,"system":"Be brief.","stop_sequences":["END"],
                 "messages":[
                  {"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
                  {"role":"assistant","content":[
                    {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}}]},
                  {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},
                    {"type":"text","text":"Thanks"}]}],
                 "tools":[{"name":"weather","description":"Current weather","input_schema":{"type":"object","properties":{}}}],
                 "tool_choice":{"type":"tool","name":"weather"}}""");

        ObjectNode back = ChatToMessages.request(MessagesToChat.request(messages, "gpt-4o"), "claude", 1024);

        assertThat(back.get("system")).isEqualTo(messages.get("system"));
        assertThat(back.get("messages")).isEqualTo(messages.get("messages"));
        assertThat(back.get("tools")).isEqualTo(messages.get("tools"));
        assertThat(back.get("tool_choice")).isEqualTo(messages.get("tool_choice"));
        assertThat(back.get("stop_sequences")).isEqualTo(messages.get("stop_sequences"));
    }
}
