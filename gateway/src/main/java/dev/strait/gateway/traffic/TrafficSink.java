package dev.strait.gateway.traffic;

/** Where served requests go after the answer. Never blocks: a sink that cannot take one drops it. */
@FunctionalInterface
public interface TrafficSink {

    /** Nothing listens: the gateway does not even keep responses for it. */
    TrafficSink NONE = request -> false;

    /** True when taken, false when dropped (no room). */
    boolean offer(ServedRequest request);
}
