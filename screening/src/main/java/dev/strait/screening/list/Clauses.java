package dev.strait.screening.list;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what lists write inside names and remarks: a.k.a. clauses, affiliated-entity clauses,
 * acronyms in parentheses, successor boilerplate, trailing places, and identifier numbers.
 */
final class Clauses {

    private Clauses() {}

    /** A listed name split into the name itself and the aliases written into it (including that name, when it differs). */
    record SplitName(String name, List<Alias> aliases) {}

    private static final Pattern SUCCESSOR = Pattern.compile(
            "(?i)[;,]?\\s*and any successors?,? sub-units?,? or subsidiar(?:y|ies) thereof\\.?");
    private static final Pattern AKA_IN_NAME = Pattern.compile("(?i)[,;]?\\s*\\(?\\b(a\\.k\\.a\\.?|f\\.k\\.a\\.?|n\\.k\\.a\\.?)\\s*,?");
    private static final Pattern FOLLOWING = Pattern.compile("(?i)^\\s*the following \\w+ aliases?\\s*:\\s*");
    private static final Pattern AFFILIATED = Pattern.compile(
            "(?i)\\(?\\baffiliated entit(?:y|ies)(?:\\s+(?:of|include|including))?\\s*[:,\\-]?\\s*");
    private static final Pattern ACRONYM = Pattern.compile("\\s*\\(([A-Z0-9][A-Za-z0-9&.\\- ]{1,15})\\)\\s*$");
    private static final Pattern LEGAL_THEN_PLACE = Pattern.compile(
            "(?i)^(.*?\\b(?:co\\.?,?\\s*ltd\\.?|ltd\\.?|limited|llc|inc\\.?|gmbh|corporation|corp\\.?|company))\\s*,\\s*(.{2,})$");
    private static final Pattern QUOTED_AKA = Pattern.compile(
            "(?i)\\b(a\\.k\\.a\\.|f\\.k\\.a\\.|n\\.k\\.a\\.)\\s*'([^']+(?:'[a-z][^']*)*)'");
    private static final Pattern IDENTIFIER = Pattern.compile(
            "(?i)\\b(?:registration (?:number|no\\.?|id)|registration id|tax id no\\.|national id no\\.|passport(?: no\\.?)?"
                    + "|company number|identification number|business registration (?:number|document #)"
                    + "|d-u-n-s number|legal entity number|cedula no\\.|ruc #|nit #|vessel registration identification imo"
                    + "|swift/bic|unified social credit code \\(uscc\\)|uscc|ogrn|inn|kpp|cuit|rfc|curp)\\s*:?\\s*"
                    + "([A-Z0-9][A-Z0-9\\-./]{3,})");

    static SplitName splitName(String listed) {
        String text = SUCCESSOR.matcher(listed).replaceAll("").trim();
        List<Alias> aliases = new ArrayList<>();
        Matcher affiliated = AFFILIATED.matcher(text);
        if (affiliated.find() && affiliated.start() > 0) {
            for (String part : aliasList(text.substring(affiliated.end()))) {
                aliases.add(new Alias(part, "affiliated"));
            }
            text = trimTail(text.substring(0, affiliated.start()));
        }
        Matcher aka = AKA_IN_NAME.matcher(text);
        if (aka.find() && aka.start() > 0) {
            String kind = aka.group(1).toLowerCase().replace(".", "");
            for (String part : aliasList(FOLLOWING.matcher(text.substring(aka.end())).replaceFirst(""))) {
                aliases.add(new Alias(part, kind));
            }
            text = trimTail(text.substring(0, aka.start()));
        }
        Matcher acronym = ACRONYM.matcher(text);
        if (acronym.find() && acronym.start() > 0) {
            aliases.add(new Alias(acronym.group(1).trim(), "acronym"));
            text = text.substring(0, acronym.start()).trim();
        }
        Matcher legal = LEGAL_THEN_PLACE.matcher(text);
        if (legal.matches() && legal.group(2).split(",").length <= 4) {
            aliases.add(new Alias(legal.group(1).trim(), "short-name"));
        }
        if (!text.equals(listed.trim())) {
            aliases.add(new Alias(text, "short-name"));
        }
        return new SplitName(text, aliases);
    }

    /** "-A; -B; and -C." → [A, B, C]. */
    static List<String> aliasList(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(";|,\\s+and\\s+-|\\s+and\\s+-")) {
            String alias = part.trim().replaceFirst("^(?i)and\\s+", "").replaceFirst("^-\\s*", "");
            alias = trimTail(alias);
            if (alias.length() > 1) {
                out.add(alias);
            }
        }
        return out;
    }

    /** OFAC remarks: {@code a.k.a. 'BNC'; f.k.a. 'OLD NAME'} → aliases. */
    static List<Alias> remarkAliases(String remarks) {
        List<Alias> out = new ArrayList<>();
        Matcher m = QUOTED_AKA.matcher(remarks);
        while (m.find()) {
            out.add(new Alias(m.group(2).trim(), "remark-" + m.group(1).toLowerCase().replace(".", "")));
        }
        Matcher affiliated = AFFILIATED.matcher(remarks);
        if (affiliated.find()) {
            // The clause runs to the end of the remark: names inside it carry their own dots ("Co., Ltd.").
            for (String part : aliasList(remarks.substring(affiliated.end()))) {
                out.add(new Alias(part, "affiliated"));
            }
        }
        return out;
    }

    static Set<String> identifiers(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            String id = normalizeIdentifier(m.group(1));
            if (id.length() >= 4 && id.chars().anyMatch(Character::isDigit)) {
                out.add(id);
            }
        }
        return out;
    }

    static String normalizeIdentifier(String raw) {
        return raw.toUpperCase().replaceAll("[^A-Z0-9]", "");
    }

    private static String trimTail(String text) {
        return text.trim().replaceAll("[\\s,;.)]+$", "").replaceAll("^[\\s(]+", "").trim();
    }
}
