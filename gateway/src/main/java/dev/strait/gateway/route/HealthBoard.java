package dev.strait.gateway.route;

import dev.strait.core.deploy.Catalog;
import dev.strait.core.deploy.Deployment;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The health of every deployment of a catalog. A new catalog gets a new board, but a deployment
 * that survives the change keeps its history (an open circuit does not close on reload).
 */
public final class HealthBoard {

    private final Map<String, DeploymentHealth> byName;

    private HealthBoard(Map<String, DeploymentHealth> byName) {
        this.byName = byName;
    }

    public static HealthBoard of(Catalog catalog, HealthBoard previous, int threshold, Duration openFor,
            LongSupplier nanoTime) {
        Map<String, DeploymentHealth> health = new LinkedHashMap<>();
        for (Deployment d : catalog.deployments()) {
            DeploymentHealth old = previous == null ? null : previous.byName.get(d.name());
            health.put(d.name(), old != null && old.deployment().equals(d)
                    ? old
                    : new DeploymentHealth(d, threshold, openFor.toNanos(), nanoTime));
        }
        return new HealthBoard(Collections.unmodifiableMap(health));
    }

    public DeploymentHealth of(Deployment deployment) {
        return byName.get(deployment.name());
    }

    public Collection<DeploymentHealth> all() {
        return byName.values();
    }
}
