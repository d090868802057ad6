package dev.strait.app.events;

import dev.strait.monitor.features.RequestFeatures;
import dev.strait.provenance.index.Generation;

/**
 * What monitoring and provenance need of one served request, derived on the replica that served it:
 * the monitor's features (numbers and fingerprints) and the answer's provenance signature. Neither
 * holds text, so the event may travel and be kept whatever a market's storage policy says; the
 * prompt and the answer never leave the node that served them.
 *
 * @param generation the answer's signature, or null when it is not fingerprinted (a market that keeps
 *     nothing beyond billing, a failed request, an empty answer)
 */
public record TrafficEvent(String requestId, String org, RequestFeatures features, Generation generation) {}
