package dev.strait.gateway.route;

import dev.strait.core.deploy.Deployment;
import dev.strait.core.error.Failure;
import dev.strait.gateway.exchange.Chain;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.exchange.Stage;
import dev.strait.gateway.front.Endpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Orders the deployments that may serve the model for this caller: only those in regions its
 * market permits, by priority, and within one priority by a weighted shuffle, so traffic splits
 * by weight and the rest remain as failover in order.
 */
public final class SelectDeployments implements Stage {

    private final Routing routing;
    private final RandomGenerator random;

    public SelectDeployments(Routing routing, RandomGenerator random) {
        this.routing = routing;
        this.random = random;
    }

    @Override
    public void handle(Exchange exchange, Chain chain) {
        if (!exchange.endpoint().proxied()) {
            chain.proceed(exchange);
            return;
        }
        List<String> permitted = exchange.market().serveFrom();
        List<Deployment> able = new ArrayList<>();
        boolean anyForOperation = false;
        for (Deployment d : routing.current().catalog().deploymentsOf(exchange.model())) {
            if (exchange.endpoint() == Endpoint.EMBEDDINGS && !d.provider().kind().speaksOpenAi()) {
                continue;
            }
            anyForOperation = true;
            // Residency: a deployment outside the market's regions is never a candidate, healthy or not.
            if (permitted.contains(d.region())) {
                able.add(d);
            }
        }
        if (!anyForOperation) {
            chain.fail(exchange, Failure.invalid("unsupported_operation", "The model '" + exchange.requestedModel()
                    + "' does not support " + exchange.endpoint().operation + ".", "model"));
            return;
        }
        if (able.isEmpty()) {
            exchange.deniedBy(exchange.market().where("serve_from"));
            chain.fail(exchange, Failure.of(Failure.Kind.PERMISSION, "region_unavailable", "The model '"
                    + exchange.requestedModel() + "' is not served from a region permitted for market "
                    + exchange.market().code() + "."));
            return;
        }
        exchange.candidates(order(able));
        chain.proceed(exchange);
    }

    List<Deployment> order(List<Deployment> deployments) {
        List<Deployment> pool = new ArrayList<>(deployments);
        pool.sort(Comparator.comparingInt(Deployment::priority));
        List<Deployment> ordered = new ArrayList<>(pool.size());
        int i = 0;
        while (i < pool.size()) {
            int end = i;
            while (end < pool.size() && pool.get(end).priority() == pool.get(i).priority()) {
                end++;
            }
            weightedShuffle(pool.subList(i, end), ordered);
            i = end;
        }
        return ordered;
    }

    private void weightedShuffle(List<Deployment> group, List<Deployment> out) {
        List<Deployment> left = new ArrayList<>(group);
        while (!left.isEmpty()) {
            int total = 0;
            for (Deployment d : left) {
                total += d.weight();
            }
            int pick = random.nextInt(total);
            int k = 0;
            while (pick >= left.get(k).weight()) {
                pick -= left.get(k).weight();
                k++;
            }
            out.add(left.remove(k));
        }
    }
}
