package dev.strait.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * choices[].logprobs in OpenAI's shape. The numbers are made up but stable (derived from the token
 * text) and ordered as real ones are: the sampled token first, alternatives less likely.
 */
final class OpenAiLogprobs {

    private OpenAiLogprobs() {
    }

    static JsonObject of(List<Reply.Piece> pieces, int top) {
        JsonArray content = new JsonArray();
        for (Reply.Piece piece : pieces) {
            if (!piece.text().isEmpty()) {
                content.add(entry(piece.text(), top));
            }
        }
        return new JsonObject().put("content", content).put("refusal", null);
    }

    private static JsonObject entry(String token, int top) {
        double logprob = -((token.hashCode() & 0x3ff) / 4096.0);
        JsonArray alternatives = new JsonArray();
        for (int i = 0; i < top; i++) {
            String alt = i == 0 ? token : token.strip() + "_alt" + i;
            alternatives.add(new JsonObject()
                    .put("token", alt)
                    .put("logprob", logprob - i * 1.5)
                    .put("bytes", bytes(alt)));
        }
        return new JsonObject()
                .put("token", token)
                .put("logprob", logprob)
                .put("bytes", bytes(token))
                .put("top_logprobs", alternatives);
    }

    private static JsonArray bytes(String text) {
        JsonArray out = new JsonArray();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.add(b & 0xff);
        }
        return out;
    }
}
