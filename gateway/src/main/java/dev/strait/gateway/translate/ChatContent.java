package dev.strait.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Chat message content (a string or an array of parts) as Anthropic content blocks. Audio and
 * file parts have no Anthropic equivalent reachable without uploading, so they are rejected.
 */
final class ChatContent {

    private static final String DATA_PREFIX = "data:";
    private static final String BASE64_MARKER = ";base64,";

    private ChatContent() {
    }

    static ArrayNode userBlocks(JsonNode content, String at) {
        ArrayNode blocks = Json.array();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            // Kept even when empty: Anthropic's own error then names the problem to the caller.
            blocks.addObject().put("type", "text").put("text", content.asText());
            return blocks;
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String where = at + ".content[" + j + "]";
            String type = String.valueOf(Json.text(part, "type"));
            switch (type) {
                case "text" -> blocks.addObject().put("type", "text").put("text", Json.requiredText(part, "text", where));
                case "image_url" -> blocks.add(image(part.path("image_url"), where));
                default -> throw new TranslationException(where + ".type",
                        "content part type '" + type + "' is not supported by this model");
            }
        }
        return blocks;
    }

    /** Assistant content; empty text is dropped because Anthropic rejects empty text blocks. */
    static ArrayNode assistantBlocks(JsonNode content, String at) {
        ArrayNode blocks = Json.array();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            addText(blocks, content.asText());
            return blocks;
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String type = String.valueOf(Json.text(part, "type"));
            switch (type) {
                case "text" -> addText(blocks, Json.text(part, "text"));
                case "refusal" -> addText(blocks, Json.text(part, "refusal"));
                default -> throw new TranslationException(at + ".content[" + j + "].type",
                        "assistant content part type '" + type + "' is not supported");
            }
        }
        return blocks;
    }

    /** Content that can only be text (system and tool messages): parts joined without separator. */
    static String plainText(JsonNode content, String at) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            if (!"text".equals(Json.text(part, "type"))) {
                throw new TranslationException(at + ".content[" + j + "].type",
                        "only text content is supported here");
            }
            text.append(Json.requiredText(part, "text", at + ".content[" + j + "]"));
        }
        return text.toString();
    }

    private static void addText(ArrayNode blocks, String text) {
        if (text != null && !text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
    }

    /**
     * A data URL becomes a base64 source, anything else a URL source that Anthropic fetches
     * itself. OpenAI's {@code detail} hint has no counterpart and is dropped.
     */
    private static ObjectNode image(JsonNode imageUrl, String at) {
        String url = Json.text(imageUrl, "url");
        if (url == null) {
            throw new TranslationException(at + ".image_url.url", "image_url.url is required");
        }
        ObjectNode block = Json.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (!url.startsWith(DATA_PREFIX)) {
            source.put("type", "url").put("url", url);
            return block;
        }
        int marker = url.indexOf(BASE64_MARKER);
        if (marker < 0) {
            throw new TranslationException(at + ".image_url.url", "data URLs must be base64-encoded");
        }
        source.put("type", "base64");
        source.put("media_type", url.substring(DATA_PREFIX.length(), marker));
        source.put("data", url.substring(marker + BASE64_MARKER.length()));
        return block;
    }
}
