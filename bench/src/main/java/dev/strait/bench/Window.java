package dev.strait.bench;

/** The measured part of a run, in {@link System#nanoTime()} terms: warm-up before it, draining after it. */
record Window(long start, long end) {

    boolean contains(long nanos) {
        return nanos >= start && nanos < end;
    }

    double seconds() {
        return (end - start) / 1e9;
    }
}
