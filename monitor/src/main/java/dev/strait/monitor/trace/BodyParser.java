package dev.strait.monitor.trace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Reads a request body, OpenAI or Anthropic shape, down to {@link TraceEvent.Request}. */
final class BodyParser {

    /** Longer texts are cut: features need the template's head and tail, not a whole book. */
    static final int MAX_TEXT = 16_384;

    private BodyParser() {
    }

    static TraceEvent.Request body(JsonParser p) throws IOException {
        String model = "", system = "";
        int n = 1, maxTokens = 0;
        double temperature = Double.NaN;
        boolean logprobs = false, seed = false, stream = false, tools = false;
        Messages messages = new Messages();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            switch (f) {
                case "model" -> model = TraceLineParser.text(p, v);
                case "messages" -> {
                    if (v == JsonToken.START_ARRAY) {
                        messages.read(p);
                    } else {
                        p.skipChildren();
                    }
                }
                case "system" -> system = content(p, v);
                case "n" -> n = v.isNumeric() ? p.getIntValue() : 1;
                case "temperature" -> temperature = v.isNumeric() ? p.getDoubleValue() : Double.NaN;
                case "max_tokens", "max_completion_tokens", "max_output_tokens" ->
                        maxTokens = v.isNumeric() ? Math.max(maxTokens, p.getIntValue()) : maxTokens;
                case "logprobs" -> logprobs |= v == JsonToken.VALUE_TRUE || (v.isNumeric() && p.getIntValue() > 0);
                case "top_logprobs" -> logprobs |= v.isNumeric() && p.getIntValue() > 0;
                case "seed" -> seed = v.isNumeric();
                case "stream" -> stream = v == JsonToken.VALUE_TRUE;
                case "tools", "functions" -> {
                    tools = v == JsonToken.START_ARRAY && p.nextToken() != JsonToken.END_ARRAY;
                    if (tools) {
                        p.skipChildren();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            p.skipChildren();
                        }
                    } else if (v != JsonToken.START_ARRAY) {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (system.isEmpty()) {
            system = messages.system;
        }
        return new TraceEvent.Request(model, system, messages.lastUser, messages.firstUser, messages.count, n,
                temperature, maxTokens, logprobs, seed, stream, tools);
    }

    /** The messages array: system text (OpenAI puts it here), first and last user text, count. */
    private static final class Messages {
        String system = "", firstUser = "", lastUser = "";
        int count;
        boolean sawUser;

        void read(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                count++;
                String role = "", text = "";
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (f) {
                        case "role" -> role = TraceLineParser.text(p, v);
                        // an assistant's or a tool's text is never read: skipped undecoded when its role came first
                        case "content" -> text = role.isEmpty() || reads(role) ? content(p, v) : skip(p);
                        default -> p.skipChildren();
                    }
                }
                if (role.equals("system") || role.equals("developer")) {
                    system = text;
                } else if (role.equals("user") && !text.isEmpty()) {
                    if (!sawUser) {
                        firstUser = text;
                        sawUser = true;
                    }
                    lastUser = text;
                }
            }
        }
    }

    private static boolean reads(String role) {
        return role.equals("user") || role.equals("system") || role.equals("developer");
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return "";
    }

    /** A content value: a string, or an array of blocks whose {@code text} parts are joined. */
    static String content(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            String s = p.getText();
            return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
        }
        if (v != JsonToken.START_ARRAY) {
            p.skipChildren();
            return "";
        }
        StringBuilder sb = null;
        String only = "";
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING) {
                only = p.getText();
            } else if (t == JsonToken.START_OBJECT) {
                String type = "", text = "";
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken fv = p.nextToken();
                    switch (f) {
                        case "type" -> type = TraceLineParser.text(p, fv);
                        case "text" -> text = TraceLineParser.text(p, fv);
                        default -> p.skipChildren();
                    }
                }
                if (type.equals("text") || type.isEmpty()) {
                    only = text;
                } else {
                    continue;
                }
            } else {
                p.skipChildren();
                continue;
            }
            if (only.isEmpty()) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(only);
            } else if (sb.length() < MAX_TEXT) {
                sb.append('\n').append(only);
            }
        }
        String s = sb == null ? "" : sb.toString();
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }
}
