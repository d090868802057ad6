package dev.strait.core.policy;

import dev.strait.core.access.OrgKind;
import dev.strait.core.access.Organization;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The market policy: who may be a customer, which models are licensed for sale in which market,
 * and which regions may serve it. Immutable; a reload builds a new one.
 *
 * @param source the file it came from, and its SHA-256, for the audit trail
 * @param vendorModels vendor → model-name patterns ({@code *} matches any run of characters)
 * @param customerKinds the kinds of organization that may be customers at all
 */
public record Policy(
        String source,
        String sha256,
        Map<String, Market> markets,
        Map<String, List<String>> vendorModels,
        Set<OrgKind> customerKinds,
        Map<String, String> where) {

    public Policy {
        markets = Map.copyOf(markets);
        // Order matters: the first vendor whose pattern matches owns the model.
        vendorModels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vendorModels));
        customerKinds = Set.copyOf(customerKinds);
        where = Map.copyOf(where);
    }

    /** Whether {@code org} may use {@code model} at all, and by which rule. */
    public Decision evaluate(Organization org, String model) {
        Decision admitted = admit(org);
        if (!admitted.allowed()) {
            return admitted;
        }
        Market market = markets.get(org.market());
        String vendor = vendorOf(model);
        if (market.denyModels().contains(model)) {
            return Decision.deny("model_not_available_in_market", "The model '" + model
                    + "' is withheld from market " + market.code() + ".", market.where("deny_models"));
        }
        if (market.allowModels().contains(model)) {
            return Decision.allow("The model '" + model + "' is licensed in market " + market.code() + ".",
                    market.where("allow_models"));
        }
        if (vendor == null) {
            return Decision.deny("model_not_available_in_market", "The model '" + model
                    + "' belongs to no vendor the policy knows.", where("vendors"));
        }
        if (!market.vendors().contains(vendor)) {
            return Decision.deny("model_not_available_in_market", "Models of " + vendor
                    + " are not offered in market " + market.code() + ".", market.where("vendors"));
        }
        return Decision.allow("Models of " + vendor + " are licensed in market " + market.code() + ".",
                market.where("vendors"));
    }

    /** The organization-level rules alone: kind, verification, and a market we serve. */
    public Decision admit(Organization org) {
        if (!customerKinds.contains(org.kind())) {
            return Decision.deny("individual_not_permitted", "Only verified companies may use this service; "
                    + org.kind().id() + " accounts are not accepted.", where("customers.kinds"));
        }
        switch (org.state()) {
            case PENDING, REJECTED -> {
                return Decision.deny("organization_not_verified", "The organization has not been verified ("
                        + org.state().id() + ").", "organization.state");
            }
            case SUSPENDED -> {
                return Decision.deny("organization_suspended", "The organization is suspended.", "organization.state");
            }
            case VERIFIED -> { }
        }
        if (!markets.containsKey(org.market())) {
            return Decision.deny("market_not_served", "Market " + org.market() + " is not served.", where("markets"));
        }
        return Decision.allow("The organization is a verified customer in market " + org.market() + ".",
                "organization.state");
    }

    /** The vendor whose patterns match the model, or null. */
    public String vendorOf(String model) {
        for (Map.Entry<String, List<String>> vendor : vendorModels.entrySet()) {
            for (String pattern : vendor.getValue()) {
                if (Glob.matches(pattern, model)) {
                    return vendor.getKey();
                }
            }
        }
        return null;
    }

    public String where(String field) {
        return where.getOrDefault(field, field);
    }
}
