package dev.strait.core.policy;

/**
 * A policy's answer, with the rule that gave it, so that every decision can be explained.
 *
 * @param code machine-readable, e.g. {@code model_not_available_in_market}; {@code allowed} when allowed
 * @param rule where the deciding rule stands, e.g. {@code policy.yaml:14 markets.CN.vendors}
 */
public record Decision(boolean allowed, String code, String reason, String rule) {

    public static Decision allow(String reason, String rule) {
        return new Decision(true, "allowed", reason, rule);
    }

    public static Decision deny(String code, String reason, String rule) {
        return new Decision(false, code, reason, rule);
    }
}
