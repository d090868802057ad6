package dev.strait.bench;

import org.HdrHistogram.Histogram;

/**
 * What one event loop observed. Each loop owns its own tally (no locks on the hot path); the
 * tallies are merged once, after every request has ended.
 */
final class Tally {

    /** Up to a minute in microseconds at three significant digits: a stalled run still fits. */
    private static final long HIGHEST_US = 60_000_000L;

    final Histogram latency = new Histogram(HIGHEST_US, 3);
    final Histogram firstByte = new Histogram(HIGHEST_US, 3);
    /** How late the load generator itself sent each request: if this is large, blame the generator, not the target. */
    final Histogram sendLag = new Histogram(HIGHEST_US, 3);
    long sent;
    long ok;
    long badStatus;
    long failed;
    long truncated;
    /** Successful responses that ended inside the measured window, whatever their intended time. */
    long okInWindow;
    String firstError;

    void error(String kind, String detail) {
        if (firstError == null) {
            firstError = kind + ": " + detail;
        }
    }

    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(HIGHEST_US, Math.max(0, nanos / 1_000)));
    }

    void add(Tally other) {
        latency.add(other.latency);
        firstByte.add(other.firstByte);
        sendLag.add(other.sendLag);
        sent += other.sent;
        ok += other.ok;
        badStatus += other.badStatus;
        failed += other.failed;
        truncated += other.truncated;
        okInWindow += other.okInWindow;
        if (firstError == null) {
            firstError = other.firstError;
        }
    }
}
