package dev.strait.screening.list;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Country names and codes as the lists write them → ISO 3166 alpha-2. */
public final class Countries {

    private final Map<String, String> byName = new HashMap<>();

    public Countries() {
        for (String code : Locale.getISOCountries()) {
            byName.put(key(code), code);
            byName.put(key(Locale.of("", code).getDisplayCountry(Locale.ENGLISH)), code);
        }
        String[][] extra = {
            {"russia", "RU"}, {"russian federation", "RU"}, {"iran", "IR"}, {"syria", "SY"}, {"burma", "MM"},
            {"korea north", "KP"}, {"north korea", "KP"}, {"korea south", "KR"}, {"south korea", "KR"},
            {"korea", "KR"}, {"vietnam", "VN"}, {"viet nam", "VN"}, {"laos", "LA"}, {"moldova", "MD"},
            {"tanzania", "TZ"}, {"bolivia", "BO"}, {"venezuela", "VE"}, {"macedonia", "MK"},
            {"north macedonia", "MK"}, {"czech republic", "CZ"}, {"czechia", "CZ"}, {"taiwan", "TW"},
            {"united arab emirates", "AE"}, {"uae", "AE"}, {"uk", "GB"}, {"united kingdom", "GB"},
            {"great britain", "GB"}, {"england", "GB"}, {"usa", "US"}, {"united states", "US"},
            {"congo democratic republic of the", "CD"}, {"democratic republic of the congo", "CD"},
            {"congo republic of the", "CG"}, {"ivory coast", "CI"}, {"cote d ivoire", "CI"},
            {"palestinian", "PS"}, {"west bank", "PS"}, {"gaza", "PS"}, {"kosovo", "XK"},
            {"the bahamas", "BS"}, {"the gambia", "GM"}, {"holland", "NL"}, {"turkey", "TR"},
            {"turkiye", "TR"}, {"hong kong", "HK"}, {"macau", "MO"}, {"macao", "MO"}, {"brunei", "BN"},
            {"cape verde", "CV"}, {"swaziland", "SZ"}, {"micronesia", "FM"}, {"vatican", "VA"},
            {"saint kitts and nevis", "KN"}, {"st kitts and nevis", "KN"}, {"region crimea", "UA"},
            {"crimea", "UA"}, {"china", "CN"}, {"prc", "CN"}, {"peoples republic of china", "CN"}};
        for (String[] pair : extra) {
            byName.put(key(pair[0]), pair[1]);
        }
    }

    /** The code for a country name or code, if recognisable. */
    public Optional<String> code(String nameOrCode) {
        if (nameOrCode == null || nameOrCode.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(key(nameOrCode)));
    }

    private static String key(String text) {
        String folded = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return folded.replaceAll("[^a-z0-9]+", " ").trim();
    }
}
