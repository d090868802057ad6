package dev.strait.emulator;

import com.knuddels.jtokkit.api.Encoding;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A generated call of one tool: arguments sampled from the tool's parameter schema, plus the
 * fragments a stream sends them in (one per token, as the providers do).
 */
record ToolCall(String id, String name, JsonObject input, List<String> fragments, int tokens) {

    static ToolCall of(String id, String name, JsonObject schema, Encoding encoding, TextGenerator text) {
        JsonObject input = SchemaSampler.sampleObject(schema);
        Reply pieces = text.render(encoding, input.encode(), 0, List.of());
        List<String> fragments = pieces.pieces().stream().map(Reply.Piece::text).filter(f -> !f.isEmpty()).toList();
        return new ToolCall(id, name, input, fragments, Tokens.count(encoding, name) + pieces.tokens());
    }

    /** The arguments as OpenAI sends them: a JSON document inside a string. */
    String arguments() {
        return input.encode();
    }
}
