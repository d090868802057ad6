package dev.strait.emulator;

import java.util.List;

/**
 * A generated completion, already cut into the pieces a stream sends.
 *
 * @param pieces        text pieces, each one token or the few tokens needed to end on a whole character
 * @param tokens        completion tokens (what usage reports)
 * @param truncated     the token cap cut the text short
 * @param stopSequence  the stop sequence that ended the text, or null
 */
record Reply(List<Piece> pieces, int tokens, boolean truncated, String stopSequence) {

    record Piece(String text, int tokens) {
    }

    String text() {
        StringBuilder out = new StringBuilder();
        pieces.forEach(p -> out.append(p.text()));
        return out.toString();
    }
}
