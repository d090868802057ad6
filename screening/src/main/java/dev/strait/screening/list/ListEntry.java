package dev.strait.screening.list;

import java.util.List;
import java.util.Set;

/**
 * One listed party, whatever list it came from.
 *
 * @param id stable within its list: OFAC's ent_num, the CSL's entity number or _id, else a content hash
 * @param source the programme or sub-list it is on (e.g. "Entity List (EL) - Bureau of Industry and Security")
 * @param type entity, individual, vessel, aircraft, or "" when the list does not say
 * @param countries ISO 3166 alpha-2 codes from addresses, citizenships and nationalities
 * @param identifiers registration, tax, passport and similar numbers, upper-case letters and digits only
 * @param reason why it is listed, when the list says (programmes, blocklist reason)
 */
public record ListEntry(String id, String source, String type, String name, List<Alias> aliases,
        Set<String> countries, List<String> addresses, Set<String> identifiers, String reason) {

    public ListEntry {
        aliases = List.copyOf(aliases);
        countries = Set.copyOf(countries);
        addresses = List.copyOf(addresses);
        identifiers = Set.copyOf(identifiers);
    }
}
