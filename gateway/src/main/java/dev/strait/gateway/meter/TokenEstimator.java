package dev.strait.gateway.meter;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens locally, for the requests a provider never reported usage for (a stream cut or
 * abandoned before its usage chunk). OpenAI's own tokenizers for OpenAI models; cl100k_base as an
 * approximation for others, whose tokenizers are not public. Records it counts are marked
 * {@code estimated}.
 */
public final class TokenEstimator {

    private final Encoding o200k;
    private final Encoding cl100k;

    public TokenEstimator() {
        var registry = Encodings.newLazyEncodingRegistry();
        this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
        this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
    }

    /**
     * The prompt's tokens as OpenAI counts a chat (its published recipe: 3 tokens to prime the reply,
     * and per message 3 plus its role, content and name), with the tools' JSON on top. An Anthropic
     * request's top-level system prompt counts as a system message. Other providers count in ways
     * that are not public; this is their estimate too.
     */
    public long input(String model, JsonNode body) {
        if (body == null) {
            return 0;
        }
        Encoding encoding = encoding(model);
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            StringBuilder text = new StringBuilder();
            collect(body.path("input"), text);
            collect(body.path("prompt"), text);
            return count(encoding, text.toString());
        }
        long total = 3;
        if (!body.path("system").isMissingNode()) {
            total += 3 + count(encoding, "system") + count(encoding, text(body.path("system")));
        }
        for (JsonNode message : messages) {
            total += 3 + count(encoding, message.path("role").asText("")) + count(encoding, text(message.path("content")));
            if (message.path("name").isTextual()) {
                total += 1 + count(encoding, message.path("name").asText());
            }
            if (message.path("tool_calls").isArray()) {
                total += count(encoding, message.path("tool_calls").toString());
            }
        }
        if (body.path("tools").isArray()) {
            total += count(encoding, body.path("tools").toString());
        }
        return total;
    }

    private static long count(Encoding encoding, String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    private static String text(JsonNode content) {
        StringBuilder out = new StringBuilder();
        collect(content, out);
        return out.toString();
    }

    private Encoding encoding(String model) {
        return model.startsWith("gpt-4o") || model.startsWith("gpt-4.1") || model.startsWith("gpt-5")
                || model.startsWith("o1") || model.startsWith("o3") || model.startsWith("o4") ? o200k : cl100k;
    }

    private static void collect(JsonNode node, StringBuilder text) {
        if (node.isTextual()) {
            text.append(node.asText());
        } else if (node.isArray()) {
            for (JsonNode part : node) {
                if (part.isObject() && part.has("content")) {
                    collect(part.path("content"), text); // tool results nest their content
                } else {
                    collect(part.isObject() ? part.path("text") : part, text);
                }
            }
        }
    }
}
