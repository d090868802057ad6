package dev.strait.monitor.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream of JSON Lines on raw bytes, so no line is decoded twice: each non-blank line,
 * trimmed of surrounding blanks, goes to the sink with its 1-based number.
 */
public final class LineSplitter {

    /** Receives one line; the bytes are valid only during the call. */
    @FunctionalInterface
    public interface Sink {
        void line(byte[] buf, int from, int to, long lineNumber);
    }

    private LineSplitter() {
    }

    /** Returns the number of lines read, blank ones included. */
    public static long split(InputStream in, Sink sink) throws IOException {
        byte[] buf = new byte[1 << 16];
        int start = 0, end = 0;
        long lineNo = 0;
        while (true) {
            int nl = ByteScan.newline(buf, start, end);
            if (nl < 0) {
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int r = in.read(buf, end, buf.length - end);
                if (r < 0) {
                    if (end > start) {
                        emit(buf, start, end, ++lineNo, sink);
                    }
                    return lineNo;
                }
                end += r;
                continue;
            }
            emit(buf, start, nl, ++lineNo, sink);
            start = nl + 1;
        }
    }

    /**
     * Splits lines held in memory, numbering them from 1; a last line needs no newline. Returns the
     * number of lines, blank ones included.
     */
    public static long split(byte[] buf, int from, int to, Sink sink) {
        long lineNo = 0;
        int start = from;
        for (int nl = ByteScan.newline(buf, start, to); nl >= 0; nl = ByteScan.newline(buf, start, to)) {
            emit(buf, start, nl, ++lineNo, sink);
            start = nl + 1;
        }
        if (start < to) {
            emit(buf, start, to, ++lineNo, sink);
        }
        return lineNo;
    }

    private static void emit(byte[] buf, int from, int to, long lineNo, Sink sink) {
        int e = to;
        while (e > from && (buf[e - 1] == '\r' || buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
            e--;
        }
        int s = from;
        while (s < e && (buf[s] == ' ' || buf[s] == '\t')) {
            s++;
        }
        if (s < e) {
            sink.line(buf, s, e, lineNo);
        }
    }
}
