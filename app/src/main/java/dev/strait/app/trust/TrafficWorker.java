package dev.strait.app.trust;

import dev.strait.core.policy.Market;
import dev.strait.core.policy.Policy;
import dev.strait.core.policy.Storage;
import dev.strait.gateway.traffic.ResponseText;
import dev.strait.gateway.traffic.ServedRequest;
import dev.strait.provenance.index.Completion;
import dev.strait.provenance.index.ProvenanceIndex;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What happens to a served request after its answer, on the traffic worker: its answer is
 * fingerprinted for provenance (only fingerprints, never text) unless its market keeps nothing
 * beyond billing, and it is shown to the monitoring engine.
 */
final class TrafficWorker implements Consumer<ServedRequest> {

    private final Supplier<Policy> policy;
    private final ProvenanceIndex provenance;
    private final LiveMonitor monitor;

    TrafficWorker(Supplier<Policy> policy, ProvenanceIndex provenance, LiveMonitor monitor) {
        this.policy = policy;
        this.provenance = provenance;
        this.monitor = monitor;
    }

    @Override
    public void accept(ServedRequest served) {
        ResponseText answer = ResponseText.of(served);
        Market market = policy.get().markets().get(served.market());
        boolean keepsSomething = market == null || market.storage().level() != Storage.Level.NOTHING;
        if (keepsSomething && served.status() == 200 && !answer.text().isBlank()) {
            provenance.offer(new Completion(served.orgId(), served.keyId(), served.id(), served.model(),
                    served.market(), served.at(), answer.text()));
        }
        monitor.accept(served, answer);
    }
}
