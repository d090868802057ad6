package dev.strait.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Builds a plausible value that satisfies a JSON schema: tool-call arguments and structured
 * outputs. Covers what tool definitions use in practice (types, enum, const, required, items,
 * anyOf/oneOf, local $ref); it is not a validator and does not try to be one.
 */
final class SchemaSampler {

    private static final int MAX_DEPTH = 8;

    private SchemaSampler() {
    }

    /** An object for an object schema (a non-object result is wrapped as {"value": ...}). */
    static JsonObject sampleObject(JsonObject schema) {
        Object value = sample(schema == null ? new JsonObject() : schema, schema, "value", 0);
        return value instanceof JsonObject object ? object : new JsonObject().put("value", value);
    }

    private static Object sample(JsonObject schema, JsonObject root, String name, int depth) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        if (schema.containsKey("$ref")) {
            JsonObject target = resolve(root, schema.getString("$ref"));
            return target == null ? "emulated-" + name : sample(target, root, name, depth + 1);
        }
        if (schema.containsKey("const")) {
            return schema.getValue("const");
        }
        JsonArray choices = schema.getJsonArray("enum");
        if (choices != null && !choices.isEmpty()) {
            return choices.getValue(0);
        }
        for (String key : new String[] {"anyOf", "oneOf", "allOf"}) {
            JsonArray options = schema.getJsonArray(key);
            if (options != null && !options.isEmpty()) {
                return sample(firstNonNull(options), root, name, depth + 1);
            }
        }
        return switch (type(schema)) {
            case "object" -> object(schema, root, depth);
            case "array" -> array(schema, root, name, depth);
            case "integer" -> schema.getValue("minimum") instanceof Number min ? (Object) min.longValue() : (Object) 1;
            case "number" -> schema.getValue("minimum") instanceof Number min ? (Object) min.doubleValue() : (Object) 1.5;
            case "boolean" -> true;
            case "null" -> null;
            default -> string(schema, name);
        };
    }

    private static JsonObject object(JsonObject schema, JsonObject root, int depth) {
        JsonObject out = new JsonObject();
        JsonObject properties = schema.getJsonObject("properties", new JsonObject());
        JsonArray required = schema.getJsonArray("required");
        for (String property : properties.fieldNames()) {
            // Only the required properties, as a model would; all of them when none is marked.
            if (required == null || required.contains(property)) {
                Object sub = properties.getValue(property);
                out.put(property, sub instanceof JsonObject s ? sample(s, root, property, depth + 1) : "emulated");
            }
        }
        return out;
    }

    private static JsonArray array(JsonObject schema, JsonObject root, String name, int depth) {
        JsonArray out = new JsonArray();
        Object items = schema.getValue("items");
        int count = Math.max(1, schema.getInteger("minItems", 1));
        for (int i = 0; i < count && items instanceof JsonObject itemSchema; i++) {
            out.add(sample(itemSchema, root, name, depth + 1));
        }
        return out;
    }

    private static String string(JsonObject schema, String name) {
        return switch (schema.getString("format", "")) {
            case "date" -> "2024-01-01";
            case "date-time" -> "2024-01-01T00:00:00Z";
            case "email" -> "user@example.com";
            case "uri", "url" -> "https://example.com";
            case "uuid" -> "00000000-0000-4000-8000-000000000000";
            default -> "emulated-" + name;
        };
    }

    private static String type(JsonObject schema) {
        Object type = schema.getValue("type");
        if (type instanceof JsonArray types) {
            for (Object t : types) {
                if (!"null".equals(t)) {
                    return String.valueOf(t);
                }
            }
            return "null";
        }
        if (type instanceof String t) {
            return t;
        }
        return schema.containsKey("properties") ? "object" : "string";
    }

    private static JsonObject firstNonNull(JsonArray options) {
        for (Object option : options) {
            if (option instanceof JsonObject o && !"null".equals(o.getValue("type"))) {
                return o;
            }
        }
        return options.getValue(0) instanceof JsonObject o ? o : new JsonObject();
    }

    /** Local references only ("#/$defs/Name", "#/definitions/Name"). */
    private static JsonObject resolve(JsonObject root, String ref) {
        if (root == null || ref == null || !ref.startsWith("#/")) {
            return null;
        }
        Object node = root;
        for (String part : ref.substring(2).split("/")) {
            node = node instanceof JsonObject o ? o.getValue(part.replace("~1", "/").replace("~0", "~")) : null;
        }
        return node instanceof JsonObject o ? o : null;
    }
}
