package dev.strait.monitor.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;

/**
 * Turns one trace JSON line into a {@link TraceEvent} with Jackson's streaming parser: no tree, no
 * reflection, unknown fields skipped. One instance per thread (it keeps scratch state).
 */
public final class TraceLineParser {

    private final JsonFactory factory = new SkimmingJsonFactory();

    /** Thrown for a line that is not a usable trace record. */
    public static final class BadRecordException extends Exception {
        BadRecordException(String message) {
            super(message, null, false, false);
        }
    }

    public TraceEvent parse(byte[] buf, int off, int len) throws BadRecordException {
        try (JsonParser p = factory.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRecordException("not a JSON object");
            }
            TraceEvent event = record(p);
            if (p.nextToken() != null) {
                throw new BadRecordException("trailing content after the object");
            }
            return event;
        } catch (IOException e) {
            throw new BadRecordException("malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    /**
     * A request body already parsed (the live gateway has its tree), read by the same code as a trace
     * line's {@code body}.
     */
    public static TraceEvent.Request request(JsonNode body) {
        if (body == null || !body.isObject()) {
            return TraceEvent.Request.EMPTY;
        }
        try (JsonParser p = body.traverse()) {
            p.nextToken();
            return BodyParser.body(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("a JSON tree cannot fail to read", e);
        }
    }

    private TraceEvent record(JsonParser p) throws IOException, BadRecordException {
        String id = "", org = null, key = "", market = "", ip = "", ua = "", endpoint = "";
        long ts = Long.MIN_VALUE;
        TraceEvent.Request request = null;
        TraceEvent.Response response = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "id" -> id = text(p, t);
                case "ts" -> ts = instant(text(p, t));
                case "org" -> org = text(p, t);
                case "key" -> key = text(p, t);
                case "market" -> market = text(p, t);
                case "endpoint" -> endpoint = text(p, t);
                case "client" -> {
                    if (t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (f) {
                                case "ip" -> ip = text(p, v);
                                case "user_agent" -> ua = text(p, v);
                                default -> p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "body" -> request = t == JsonToken.START_OBJECT ? BodyParser.body(p) : skip(p);
                case "response" -> response = t == JsonToken.START_OBJECT ? response(p) : skip(p);
                default -> p.skipChildren();
            }
        }
        if (org == null || org.isEmpty()) {
            throw new BadRecordException("missing field \"org\"");
        }
        if (ts == Long.MIN_VALUE) {
            throw new BadRecordException("missing field \"ts\"");
        }
        return new TraceEvent(id, ts, org, key, market, ip, ua, endpoint, request, response);
    }

    private static <T> T skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static TraceEvent.Response response(JsonParser p) throws IOException {
        int status = 0, promptTokens = 0, completionTokens = 0;
        String finish = "";
        boolean toolCalls = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            switch (f) {
                case "status" -> status = v.isNumeric() ? p.getIntValue() : 0;
                case "finish_reason" -> finish = text(p, v);
                case "tool_calls" -> {
                    toolCalls = v == JsonToken.START_ARRAY && p.nextToken() != JsonToken.END_ARRAY;
                    if (toolCalls) {
                        p.skipChildren();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            p.skipChildren();
                        }
                    }
                }
                case "usage" -> {
                    if (v == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String u = p.currentName();
                            JsonToken uv = p.nextToken();
                            switch (u) {
                                case "prompt_tokens", "input_tokens" -> promptTokens = uv.isNumeric() ? p.getIntValue() : 0;
                                case "completion_tokens", "output_tokens" ->
                                        completionTokens = uv.isNumeric() ? p.getIntValue() : 0;
                                default -> p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return TraceEvent.Response.of(status, finish, promptTokens, completionTokens, toolCalls);
    }

    static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return "";
        }
        return t == JsonToken.VALUE_NULL ? "" : p.getText();
    }

    /** The trace's fixed form {@code 2026-06-01T08:00:00.000Z} without a formatter; anything else via {@link Instant}. */
    static long instant(String s) throws BadRecordException {
        try {
            return fastInstant(s);
        } catch (java.time.DateTimeException e) {
            throw new BadRecordException("bad \"ts\" '" + s + "' (want ISO-8601 UTC)");
        }
    }

    private static long fastInstant(String s) {
        if (s.length() == 24 && s.charAt(4) == '-' && s.charAt(10) == 'T' && s.charAt(19) == '.' && s.charAt(23) == 'Z') {
            int y = num(s, 0, 4), mo = num(s, 5, 7), d = num(s, 8, 10);
            int h = num(s, 11, 13), mi = num(s, 14, 16), se = num(s, 17, 19), ms = num(s, 20, 23);
            if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60
                    && se >= 0 && se < 61 && ms >= 0) {
                long days = java.time.LocalDate.of(y, mo, d).toEpochDay();
                return ((days * 24 + h) * 60 + mi) * 60_000L + se * 1000L + ms;
            }
        }
        return Instant.parse(s).toEpochMilli();
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
