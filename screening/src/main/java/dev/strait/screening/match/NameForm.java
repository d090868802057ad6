package dev.strait.screening.match;

import java.util.List;

/**
 * A name reduced to the tokens matching compares: ASCII, lower case, legal forms stripped, plurals and
 * synonyms folded.
 *
 * @param transliteration how the Latin tokens were obtained from another script, or null
 * @param legalForms the legal forms that were stripped, for the explanation
 */
public record NameForm(List<String> tokens, String transliteration, List<String> legalForms) {

    public NameForm {
        tokens = List.copyOf(tokens);
        legalForms = List.copyOf(legalForms);
    }
}
