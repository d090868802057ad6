package dev.strait.monitor.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A logistic model over named signals: risk = σ(bias + Σ weight × value). Each signal's term is its
 * weight of evidence, so the evidence list is the terms that raised the risk, largest first.
 */
public record RiskModel(double bias, Map<String, Double> weights) {

    public RiskModel {
        weights = Map.copyOf(weights);
    }

    /** A score and its evidence. */
    public record Assessment(double risk, double logit, List<Evidence> evidence) {
    }

    public Assessment assess(List<Signal> signals) {
        double z = bias;
        List<Evidence> evidence = new ArrayList<>();
        for (Signal s : signals) {
            double w = weights.getOrDefault(s.name(), 0.0);
            double term = w * s.value();
            z += term;
            if (term > 0.05) {
                evidence.add(new Evidence(s.name(), round(s.value()), round(term), s.detail()));
            }
        }
        evidence.sort(Comparator.comparingDouble(Evidence::weight).reversed());
        return new Assessment(sigmoid(z), z, evidence);
    }

    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /**
     * Weights set by hand on the development trace, guided by a logistic regression on its signals and kept
     * round and explainable (see BENCHMARKS.md): content cues and their persistence weigh most, sampling and
     * timing corroborate, tool use and deterministic sampling speak for a legitimate application.
     */
    public static final RiskModel DEFAULT = new RiskModel(-6.0, Map.ofEntries(
            Map.entry("volume_per_day", 0.5),
            Map.entry("reasoning_elicitation_share", 0.5),
            Map.entry("sustained_reasoning_elicitation", 6.0),
            Map.entry("rubric_grading_share", 8.0),
            Map.entry("harvest_sampling_share", 3.0),
            Map.entry("large_max_tokens_share", 1.0),
            Map.entry("multi_sample_share", 1.0),
            Map.entry("temperature_sweep", 1.0),
            Map.entry("output_input_ratio", 0.5),
            Map.entry("round_the_clock", 1.0),
            Map.entry("key_rotation", 2.0),
            Map.entry("no_system_prompt_share", 0.5),
            Map.entry("template_repetition", 0.0),
            Map.entry("systematic_enumeration", 3.0),
            Map.entry("topic_breadth", 0.0),
            Map.entry("tool_use_share", -3.0),
            Map.entry("multi_turn_share", -1.0),
            Map.entry("deterministic_share", -2.0),
            Map.entry("new_model_rush", 3.0),
            Map.entry("coordinated_cluster", 1.0)));
}
