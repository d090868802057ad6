package dev.strait.monitor.risk;

import java.util.List;

/**
 * The engine's judgement of one organization at one moment.
 *
 * @param risk in [0, 1], higher is more suspicious
 * @param evidence the signals that raised the risk, strongest first
 * @param cluster the id of the coordinated cluster the organization belongs to, or "" if none
 * @param requests the requests the judgement rests on (in the window)
 * @param signals every signal measured (of the cluster when the cluster's score decided), for a reviewer's drill-down
 */
public record Verdict(String org, double risk, Level level, String tier, List<Evidence> evidence, String cluster,
                      long requests, List<Signal> signals) {
    public Verdict {
        evidence = List.copyOf(evidence);
        signals = List.copyOf(signals);
        cluster = cluster == null ? "" : cluster;
    }
}
