package dev.strait.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Typed reads that turn a wrong JSON type into a 400 rather than a ClassCastException. */
final class Json {

    private Json() {
    }

    static JsonArray array(JsonObject body, String key) {
        Object value = body.getValue(key);
        if (value == null || value instanceof JsonArray) {
            return (JsonArray) value;
        }
        throw wrongType(key, "an array");
    }

    static JsonObject object(JsonObject body, String key) {
        Object value = body.getValue(key);
        if (value == null || value instanceof JsonObject) {
            return (JsonObject) value;
        }
        throw wrongType(key, "an object");
    }

    static int integer(JsonObject body, String key, int fallback) {
        Object value = body.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number.longValue()));
        }
        throw wrongType(key, "an integer");
    }

    static boolean bool(JsonObject body, String key, boolean fallback) {
        Object value = body.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw wrongType(key, "a boolean");
    }

    /**
     * The text of a message's content, in either provider's form: a string, or an array of parts
     * whose text parts are concatenated (images and other parts carry no text).
     */
    static String text(Object content) {
        if (content instanceof String s) {
            return s;
        }
        if (!(content instanceof JsonArray parts)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.append(s);
            } else if (part instanceof JsonObject p && p.getValue("text") instanceof String text) {
                out.append(text);
            } else if (part instanceof JsonObject p && p.containsKey("content")) {
                out.append(text(p.getValue("content"))); // Anthropic tool_result blocks nest content
            }
        }
        return out.toString();
    }

    private static BadRequest wrongType(String key, String expected) {
        return new BadRequest("Invalid type for '" + key + "': expected " + expected + ".");
    }
}
