package dev.strait.core.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable set of deployments and model aliases the gateway serves from. A configuration
 * change builds a new catalog; readers never see one half-built.
 */
public final class Catalog {

    private final List<Deployment> deployments;
    private final Map<String, List<Deployment>> byModel;
    private final Map<String, String> aliases;

    public Catalog(List<Deployment> deployments, Map<String, String> aliases) {
        this.deployments = List.copyOf(deployments);
        Map<String, List<Deployment>> grouped = new LinkedHashMap<>();
        for (Deployment d : deployments) {
            grouped.computeIfAbsent(d.model(), m -> new ArrayList<>()).add(d);
        }
        grouped.replaceAll((m, list) -> List.copyOf(list));
        this.byModel = Collections.unmodifiableMap(grouped);
        this.aliases = Map.copyOf(aliases);
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (!byModel.containsKey(alias.getValue())) {
                throw new IllegalArgumentException(
                        "alias " + alias.getKey() + " points at model " + alias.getValue() + ", which has no deployment");
            }
        }
    }

    /** The model a requested name stands for, after aliases; empty when nothing serves it. */
    public Optional<String> resolve(String requested) {
        String model = aliases.getOrDefault(requested, requested);
        return byModel.containsKey(model) ? Optional.of(model) : Optional.empty();
    }

    public List<Deployment> deploymentsOf(String model) {
        return byModel.getOrDefault(model, List.of());
    }

    public List<Deployment> deployments() {
        return deployments;
    }

    /** Public model names, in configuration order. */
    public List<String> models() {
        return List.copyOf(byModel.keySet());
    }
}
