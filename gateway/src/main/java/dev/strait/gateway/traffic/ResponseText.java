package dev.strait.gateway.traffic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
            if (!served.anthropicDialect()) {
                return completion(served.responseBody());
            }
            JsonNode body = parse(served.responseBody());
            return body == null ? EMPTY : message(body);
        }
        if (served.responseEvents() != null) {
            return served.anthropicDialect() ? messageStream(served.responseEvents())
                    : completionStream(served.responseEvents());
        }
        return EMPTY;
    }

    /**
     * A chat completion, read with the streaming parser (every served request passes here): the
     * choices' text, finish reason and tool calls; the rest is skipped undecoded.
     */
    private static ResponseText completion(byte[] body) {
        StringBuilder text = new StringBuilder();
        String[] finish = {null};
        int[] tools = {0};
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return EMPTY;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("choices") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        choice(p, text, finish, tools);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return EMPTY;
        }
        return new ResponseText(text.toString(), finish[0], tools[0]);
    }

    private static void choice(JsonParser p, StringBuilder text, String[] finish, int[] tools) throws IOException {
        String content = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("message") && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String m = p.currentName();
                    JsonToken v = p.nextToken();
                    if (m.equals("content") && v == JsonToken.VALUE_STRING) {
                        content = p.getText();
                    } else if (m.equals("tool_calls") && v == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            tools[0]++;
                            p.skipChildren();
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } else if (field.equals("finish_reason") && value == JsonToken.VALUE_STRING) {
                finish[0] = p.getText();
            } else {
                p.skipChildren();
            }
        }
        separate(text).append(content);
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
