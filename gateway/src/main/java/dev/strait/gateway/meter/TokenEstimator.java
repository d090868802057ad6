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

    /** The prompt's tokens: every text in the request body's messages and system prompt. */
    public long input(String model, JsonNode body) {
        if (body == null) {
            return 0;
        }
        StringBuilder text = new StringBuilder();
        collect(body.path("system"), text);
        for (JsonNode message : body.path("messages")) {
            collect(message.path("content"), text);
        }
        collect(body.path("input"), text);
        return encoding(model).countTokensOrdinary(text.toString());
    }

    private Encoding encoding(String model) {
        return model.startsWith("gpt-4o") || model.startsWith("gpt-4.1") || model.startsWith("gpt-5")
                || model.startsWith("o1") || model.startsWith("o3") || model.startsWith("o4") ? o200k : cl100k;
    }

    private static void collect(JsonNode node, StringBuilder text) {
        if (node.isTextual()) {
            text.append(node.asText()).append('\n');
        } else if (node.isArray()) {
            for (JsonNode part : node) {
                collect(part.isObject() ? part.path("text") : part, text);
            }
        }
    }
}
