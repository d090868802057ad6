package dev.strait.core.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The terms under which models are sold in one jurisdiction.
 *
 * @param vendors the model vendors licensed for resale here
 * @param allowModels single models licensed although their vendor is not
 * @param denyModels models withheld although their vendor is licensed
 * @param serveFrom the serving regions that may handle this market's traffic, in preference order
 * @param monitoringTier how closely this market's traffic is watched for distillation
 * @param where for each rule field, where it stands in the policy source ({@code file:line field})
 */
public record Market(
        String code,
        String name,
        Set<String> vendors,
        Set<String> allowModels,
        Set<String> denyModels,
        List<String> serveFrom,
        Storage storage,
        String monitoringTier,
        Map<String, String> where) {

    public Market {
        vendors = Set.copyOf(vendors);
        allowModels = Set.copyOf(allowModels);
        denyModels = Set.copyOf(denyModels);
        serveFrom = List.copyOf(serveFrom);
        where = Map.copyOf(where);
    }

    public String where(String field) {
        return where.getOrDefault(field, "markets." + code + "." + field);
    }
}
