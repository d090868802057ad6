package dev.strait.app.events;

import dev.strait.app.trust.LiveMonitor;
import dev.strait.provenance.index.Generation;
import dev.strait.provenance.index.ProvenanceIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Where traffic events end, on whichever replica consumes them: the monitor takes the features (and
 * judges the organization with the rest of its traffic), the provenance index the signatures.
 */
public final class TrafficApplier {

    private final LiveMonitor monitor;
    private final ProvenanceIndex provenance;

    public TrafficApplier(LiveMonitor monitor, ProvenanceIndex provenance) {
        this.monitor = monitor;
        this.provenance = provenance;
    }

    public void apply(List<TrafficEvent> events) {
        List<Generation> generations = new ArrayList<>();
        for (TrafficEvent event : events) {
            monitor.accept(event.features());
            if (event.generation() != null) {
                generations.add(event.generation());
            }
        }
        if (!generations.isEmpty()) {
            provenance.indexSigned(generations);
        }
    }
}
