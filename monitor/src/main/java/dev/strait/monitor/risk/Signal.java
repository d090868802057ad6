package dev.strait.monitor.risk;

/**
 * One measured signal of a tenant: its name (stable, snake_case), value, and a sentence a reviewer
 * can read without knowing the model.
 */
public record Signal(String name, double value, String detail) {
}
