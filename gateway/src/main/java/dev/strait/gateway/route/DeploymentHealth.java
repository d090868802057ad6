package dev.strait.gateway.route;

import dev.strait.core.deploy.Deployment;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** What the gateway has seen of one deployment: its circuit, and counts for the admin listener. */
public final class DeploymentHealth {

    private final Deployment deployment;
    private final CircuitBreaker breaker;
    private final LongAdder attempts = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile String lastError;

    public DeploymentHealth(Deployment deployment, int threshold, long openNanos, LongSupplier nanoTime) {
        this.deployment = deployment;
        this.breaker = new CircuitBreaker(threshold, openNanos, nanoTime);
    }

    public Deployment deployment() {
        return deployment;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public void attempted() {
        attempts.increment();
    }

    public void succeeded() {
        breaker.onSuccess();
    }

    public void failed(String error) {
        failures.increment();
        lastError = error;
        breaker.onFailure();
    }

    public long attempts() {
        return attempts.sum();
    }

    public long failures() {
        return failures.sum();
    }

    public String lastError() {
        return lastError;
    }
}
