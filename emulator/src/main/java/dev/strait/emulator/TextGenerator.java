package dev.strait.emulator;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic replies: the same prompt always yields the same text, so a test can compare a
 * streamed answer with a non-streamed one, and a cache in front of the emulator is observable.
 */
final class TextGenerator {

    /** Length of an answer that no cap and no stop sequence shortens. */
    static final int NATURAL_TOKENS = 20;

    /** Answers restate what was asked, as real ones do, so each carries text of its own (provenance and monitoring tests rely on it). */
    private static final int ECHOED_WORDS = 200;
    private static final String[] FILLER = {
        "the", "emulator", "answers", "with", "steady", "filler", "words", "so", "gateways", "can",
        "measure", "latency", "usage", "and", "streaming", "behaviour", "under", "load", "without", "cost",
    };

    /** The natural answer to {@code prompt}; {@code variant} tells the choices of one request apart. */
    String naturalText(Encoding encoding, String prompt, int variant) {
        List<String> echoed = firstWords(prompt);
        StringBuilder text = new StringBuilder(echoed.isEmpty() ? "Emulated reply." : "Emulated reply to: " + String.join(" ", echoed) + ".");
        SplittableRandom random = new SplittableRandom(31L * (prompt == null ? 0 : prompt.hashCode()) + variant);
        while (Tokens.count(encoding, text + ".") < NATURAL_TOKENS) {
            text.append(' ').append(FILLER[random.nextInt(FILLER.length)]);
        }
        return text.append('.').toString();
    }

    Reply reply(Encoding encoding, String prompt, int variant, int maxTokens, List<String> stops) {
        return render(encoding, naturalText(encoding, prompt, variant), maxTokens, stops);
    }

    /** Cuts {@code text} at the first stop sequence and at {@code maxTokens} (<= 0: no cap), then pieces it. */
    Reply render(Encoding encoding, String text, int maxTokens, List<String> stops) {
        String stopHit = null;
        int cut = text.length();
        for (String stop : stops) {
            int at = stop.isEmpty() ? -1 : text.indexOf(stop);
            if (at >= 0 && at < cut) {
                cut = at;
                stopHit = stop;
            }
        }
        IntArrayList tokens = encoding.encodeOrdinary(text.substring(0, cut));
        boolean truncated = maxTokens > 0 && tokens.size() > maxTokens;
        int kept = truncated ? maxTokens : tokens.size();
        return new Reply(pieces(encoding, tokens, kept), kept, truncated, truncated ? null : stopHit);
    }

    /**
     * One piece per token, except where a token ends inside a multi-byte character: then tokens are
     * grouped until the bytes decode, so no piece ever carries half a character.
     */
    private static List<Reply.Piece> pieces(Encoding encoding, IntArrayList tokens, int count) {
        List<Reply.Piece> out = new ArrayList<>(count);
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int pendingTokens = 0;
        IntArrayList single = new IntArrayList(1);
        for (int i = 0; i < count; i++) {
            single.clear();
            single.add(tokens.get(i));
            pending.writeBytes(encoding.decodeBytes(single));
            pendingTokens++;
            String decoded = decodeStrict(pending.toByteArray());
            if (decoded != null) {
                out.add(new Reply.Piece(decoded, pendingTokens));
                pending.reset();
                pendingTokens = 0;
            }
        }
        if (pendingTokens > 0) {
            // A cap landed inside a character: the tokens were spent, the half character is dropped.
            out.add(new Reply.Piece("", pendingTokens));
        }
        return out;
    }

    private static String decodeStrict(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static List<String> firstWords(String prompt) {
        List<String> words = new ArrayList<>();
        if (prompt == null) {
            return words;
        }
        for (String word : prompt.strip().split("\\s+")) {
            if (!word.isEmpty() && words.size() < ECHOED_WORDS) {
                words.add(word.length() > 24 ? word.substring(0, 24) : word);
            }
        }
        return words;
    }
}
