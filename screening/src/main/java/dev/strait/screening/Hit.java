package dev.strait.screening;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One listed party a query may be. Carries what a reviewer and an audit entry need to understand it.
 *
 * @param list the list's name (its file) and {@code listSha256} the version screened against
 * @param source the programme or sub-list (e.g. "Entity List (EL) - Bureau of Industry and Security")
 * @param matchedName the listed spelling that matched (the name or an alias) and {@code matchedVia} which
 * @param score final score in [0, 1] after evidence; {@code nameScore} before it
 * @param matchedTokens query token = entry token pairs, with how they matched (joined, typo) and which were generic
 * @param unmatchedEntryTokens name tokens the query lacked (lower the score)
 * @param transliteration how a non-Latin query or entry was romanised, or null
 * @param evidence country, address and identifier evidence, each one line
 * @param explanation all of the above in one sentence
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hit(String list, String listSha256, String source, String entryId, String entryName, String entryType,
        String matchedName, String matchedVia, double score, double nameScore, List<String> matchedTokens,
        List<String> unmatchedEntryTokens, List<String> legalFormsIgnored, String transliteration,
        List<String> evidence, String explanation) {

    public Hit {
        matchedTokens = List.copyOf(matchedTokens);
        unmatchedEntryTokens = List.copyOf(unmatchedEntryTokens);
        legalFormsIgnored = List.copyOf(legalFormsIgnored);
        evidence = List.copyOf(evidence);
    }
}
