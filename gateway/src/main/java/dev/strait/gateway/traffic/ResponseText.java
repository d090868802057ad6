package dev.strait.gateway.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * What the caller was answered, read out of a served request's raw response in either dialect: the
 * assistant's text (choices joined by a blank line), the finish reason, and how many tool calls it
 * made. Runs on the worker, never on an event loop.
 */
public record ResponseText(String text, String finishReason, int toolCalls) {

    public static final ResponseText EMPTY = new ResponseText("", null, 0);

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ResponseText of(ServedRequest served) {
        if (served.responseBody() != null) {
            JsonNode body = parse(served.responseBody());
            return body == null ? EMPTY : served.anthropicDialect() ? message(body) : completion(body);
        }
        if (served.responseEvents() != null) {
            return served.anthropicDialect() ? messageStream(served.responseEvents())
                    : completionStream(served.responseEvents());
        }
        return EMPTY;
    }

    private static ResponseText completion(JsonNode body) {
        StringBuilder text = new StringBuilder();
        String finish = null;
        int tools = 0;
        for (JsonNode choice : body.path("choices")) {
            separate(text).append(choice.path("message").path("content").asText(""));
            tools += choice.path("message").path("tool_calls").size();
            finish = choice.path("finish_reason").asText(finish);
        }
        return new ResponseText(text.toString(), finish, tools);
    }

    private static ResponseText message(JsonNode body) {
        StringBuilder text = new StringBuilder();
        int tools = 0;
        for (JsonNode block : body.path("content")) {
            if (block.path("type").asText().equals("text")) {
                text.append(block.path("text").asText(""));
            } else if (block.path("type").asText().equals("tool_use")) {
                tools++;
            }
        }
        return new ResponseText(text.toString(), body.path("stop_reason").asText(null), tools);
    }

    private static ResponseText completionStream(List<String> events) {
        StringBuilder[] choices = new StringBuilder[0];
        String finish = null;
        int tools = 0;
        for (String data : events) {
            if (data.equals("[DONE]") || !data.contains("\"choices\"")) {
                continue;
            }
            JsonNode chunk = parse(data);
            for (JsonNode choice : chunk == null ? JSON.createArrayNode() : chunk.path("choices")) {
                int index = choice.path("index").asInt(0);
                if (index >= choices.length) {
                    choices = java.util.Arrays.copyOf(choices, index + 1);
                }
                if (choices[index] == null) {
                    choices[index] = new StringBuilder();
                }
                choices[index].append(choice.path("delta").path("content").asText(""));
                for (JsonNode call : choice.path("delta").path("tool_calls")) {
                    if (call.has("id")) {
                        tools++;
                    }
                }
                if (choice.hasNonNull("finish_reason")) {
                    finish = choice.path("finish_reason").asText();
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (StringBuilder choice : choices) {
            if (choice != null) {
                separate(text).append(choice);
            }
        }
        return new ResponseText(text.toString(), finish, tools);
    }

    private static ResponseText messageStream(List<String> events) {
        StringBuilder text = new StringBuilder();
        String finish = null;
        int tools = 0;
        for (String data : events) {
            JsonNode event = parse(data);
            if (event == null) {
                continue;
            }
            switch (event.path("type").asText()) {
                case "content_block_delta" -> text.append(event.path("delta").path("text").asText(""));
                case "content_block_start" -> tools += event.path("content_block").path("type").asText()
                        .equals("tool_use") ? 1 : 0;
                case "message_delta" -> finish = event.path("delta").path("stop_reason").asText(finish);
                default -> { }
            }
        }
        return new ResponseText(text.toString(), finish, tools);
    }

    private static StringBuilder separate(StringBuilder text) {
        return text.isEmpty() ? text : text.append("\n\n");
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode parse(byte[] data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            return null;
        }
    }
}
