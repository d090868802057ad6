package dev.strait.gateway;

import dev.strait.core.access.AccessSnapshot;
import dev.strait.core.policy.Policy;
import dev.strait.core.usage.PriceBook;
import dev.strait.core.usage.UsageSink;
import dev.strait.gateway.limit.LimitCounters;
import dev.strait.gateway.traffic.TrafficSink;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;

/**
 * What the data plane reads from the control plane: current snapshots, each swapped whole when it
 * changes, and where usage goes.
 *
 * @param usageSinks makes one sink per event loop
 * @param limits where limit counters live: this node's memory, or Redis shared by replicas
 * @param traffic where served requests go after their answer (monitoring, provenance); {@link TrafficSink#NONE} for nowhere
 * @param adminApi the admin API's own routes, served behind the admin token; may be null
 * @param services stored responses, files and batches
 */
public record ControlPlane(
        Supplier<AccessSnapshot> access,
        Supplier<Policy> policy,
        Supplier<PriceBook> prices,
        Supplier<UsageSink> usageSinks,
        LimitCounters limits,
        TrafficSink traffic,
        Handler<HttpServerRequest> adminApi,
        ApiServices services) {
}
