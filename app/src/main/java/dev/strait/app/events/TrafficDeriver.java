package dev.strait.app.events;

import dev.strait.app.trust.LiveMonitor;
import dev.strait.core.policy.Market;
import dev.strait.core.policy.Policy;
import dev.strait.core.policy.Storage;
import dev.strait.gateway.traffic.ResponseText;
import dev.strait.gateway.traffic.ServedRequest;
import dev.strait.monitor.features.FeatureExtractor;
import dev.strait.monitor.features.RequestFeatures;
import dev.strait.provenance.index.Generation;
import dev.strait.provenance.signature.SignatureScheme;
import java.util.function.Supplier;

/**
 * Turns a served request into its {@link TrafficEvent} on the replica that served it: the same event
 * and feature extractor the live monitor uses, and the provenance index's signature
 * scheme, so a request judged through Kafka is judged exactly as one judged in-process. One instance
 * per thread (the extractor keeps scratch buffers).
 */
final class TrafficDeriver {

    private final Supplier<Policy> policy;
    private final FeatureExtractor extractor = new FeatureExtractor();
    private final SignatureScheme scheme = new SignatureScheme();

    TrafficDeriver(Supplier<Policy> policy) {
        this.policy = policy;
    }

    TrafficEvent derive(ServedRequest served) {
        ResponseText answer = ResponseText.of(served);
        RequestFeatures features = extractor.extract(LiveMonitor.event(served, answer));
        // Fingerprinted under the same rule as in-process (TrafficWorker): not where nothing may be kept.
        Market market = policy.get().markets().get(served.market());
        boolean keepsSomething = market == null || market.storage().level() != Storage.Level.NOTHING;
        Generation generation = null;
        if (keepsSomething && served.status() == 200) {
            String text = answer.text();
            if (!text.isBlank()) {
                generation = new Generation(served.orgId(), served.keyId() == null ? "" : served.keyId(), served.id(),
                        served.model() == null ? "" : served.model(), served.market() == null ? "" : served.market(),
                        served.at(), scheme.sign(text));
            }
        }
        return new TrafficEvent(served.id(), served.orgId(), features, generation);
    }
}
