package dev.strait.gateway;

import dev.strait.core.error.Failure;
import dev.strait.gateway.exchange.Stage;
import dev.strait.gateway.front.Endpoint;
import dev.strait.gateway.responses.ResponseStore;

/**
 * The parts of the API that keep state of their own, given to the data plane by the node.
 *
 * @param responses stored responses (memory, written behind to the database)
 * @param hosted the stage that answers {@code /v1/files} and {@code /v1/batches} (the node's, it needs the database)
 * @param internalSecret the secret that marks requests the node sends through its own listener on a
 *     caller's behalf (batch lines); null when it sends none
 */
public record ApiServices(ResponseStore responses, Stage hosted, String internalSecret) {

    /** Stored responses in memory only; no files, no batches. */
    public static ApiServices memoryOnly() {
        return new ApiServices(ResponseStore.inMemory(10_000), (exchange, chain) -> {
            if (exchange.endpoint() == Endpoint.FILES || exchange.endpoint() == Endpoint.BATCHES) {
                chain.fail(exchange, Failure.notFound("unknown_route",
                        "Files and batches are not available on this gateway."));
            } else {
                chain.proceed(exchange);
            }
        }, null);
    }
}
