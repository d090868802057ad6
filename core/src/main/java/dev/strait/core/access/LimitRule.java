package dev.strait.core.access;

import java.math.BigDecimal;

/**
 * What one organization, project or key may use, on all models ({@code model} is {@code *}) or on
 * one: requests and tokens per minute, and spend per calendar month. A null field is no limit. A
 * request is held to every rule that applies to it: its organization's, its key's project's and its
 * key's, each for all models and for the model it asks for.
 *
 * @param monthlyBudget in {@code currency}, the currency its prices are in
 */
public record LimitRule(Scope scope, String subjectId, String model, Integer requestsPerMinute, Long tokensPerMinute,
        BigDecimal monthlyBudget, String currency) {

    public static final String ALL_MODELS = "*";

    /** Whom a rule limits. A throttle is the monitoring engine's limit on an organization, beside the operator's. */
    public enum Scope {
        ORGANIZATION("org"), PROJECT("project"), KEY("key"), THROTTLE("throttle");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Scope of(String label) {
            for (Scope s : values()) {
                if (s.label.equals(label)) {
                    return s;
                }
            }
            return null;
        }
    }

    public LimitRule {
        if (model == null || model.isBlank()) {
            model = ALL_MODELS;
        }
    }

    /** Names the counters of this rule, the same on every replica: {@code org:acme:*}. */
    public String counterKey() {
        return counterKey(scope, subjectId, model);
    }

    public static String counterKey(Scope scope, String subjectId, String model) {
        return scope.label() + ":" + subjectId + ":" + model;
    }

    /** For errors and headers: "organization acme", "key k_12 on gpt-4o". */
    public String describe() {
        String who = switch (scope) {
            case ORGANIZATION -> "organization";
            case PROJECT -> "project";
            case KEY -> "key";
            case THROTTLE -> "throttled organization";
        };
        return who + " " + subjectId + (model.equals(ALL_MODELS) ? "" : " on " + model);
    }
}
