package dev.strait.monitor.trace;

/** A trace line that could not be read: where it is and why, so a replay can report it and go on. */
public record BadLine(long lineNumber, String reason) {
    @Override
    public String toString() {
        return "line " + lineNumber + ": " + reason;
    }
}
