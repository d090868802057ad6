package dev.strait.monitor.risk;

/**
 * A signal that pushed the risk up, with how much it weighed; evidence lists are ranked by weight.
 *
 * @param weight the signal's contribution to the risk score's log-odds
 */
public record Evidence(String signal, double value, double weight, String detail) {
}
