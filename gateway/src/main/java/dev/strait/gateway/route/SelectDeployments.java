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
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Resolves the requested model and orders the deployments that may serve it: by priority, and
 * within one priority by a weighted shuffle, so traffic splits by weight and the rest remain as
 * failover in order.
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
        String requested = exchange.route().pathModel() != null
                ? exchange.route().pathModel()
                : exchange.body().path("model").asText(null);
        if (requested == null || requested.isBlank()) {
            chain.fail(exchange, Failure.invalid("missing_model", "You must provide a model parameter.", "model"));
            return;
        }
        exchange.requestedModel(requested);
        Routing.Snapshot snapshot = routing.current();
        Optional<String> model = snapshot.catalog().resolve(requested);
        if (model.isEmpty()) {
            chain.fail(exchange, Failure.notFound("model_not_found",
                    "The model '" + requested + "' does not exist or you do not have access to it."));
            return;
        }
        exchange.model(model.get());
        List<Deployment> able = new ArrayList<>();
        for (Deployment d : snapshot.catalog().deploymentsOf(model.get())) {
            if (exchange.endpoint() != Endpoint.EMBEDDINGS || d.provider().kind().speaksOpenAi()) {
                able.add(d);
            }
        }
        if (able.isEmpty()) {
            chain.fail(exchange, Failure.invalid("unsupported_operation",
                    "The model '" + requested + "' does not support " + exchange.endpoint().operation + ".", "model"));
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
