package dev.strait.monitor.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Streams a trace (JSON Lines, plain or gzip, detected from the magic bytes) line by line into
 * {@link TraceEvent}s. A line that cannot be read is reported with its number and skipped: one bad
 * record must not stop the replay of millions. Lines are split on raw bytes, so no line is decoded
 * twice.
 */
public final class TraceReader {

    private final TraceLineParser parser = new TraceLineParser();

    /** Counts of one read. */
    public record Stats(long lines, long events, long bad) {
    }

    /** Opens a file, transparently decompressing gzip. */
    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    public Stats read(Path file, Consumer<TraceEvent> events, Consumer<BadLine> bad) throws IOException {
        try (InputStream in = open(file)) {
            return read(in, events, bad);
        }
    }

    public Stats read(InputStream in, Consumer<TraceEvent> events, Consumer<BadLine> bad) throws IOException {
        byte[] buf = new byte[1 << 16];
        int start = 0, end = 0;
        long lineNo = 0, count = 0, bads = 0;
        while (true) {
            int nl = -1;
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
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
                        lineNo++;
                        int ok = line(buf, start, end, lineNo, events, bad);
                        if (ok >= 0) {
                            count += ok;
                            bads += 1 - ok;
                        }
                    }
                    return new Stats(lineNo, count, bads);
                }
                end += r;
                continue;
            }
            lineNo++;
            int ok = line(buf, start, nl, lineNo, events, bad);
            if (ok >= 0) {
                count += ok;
                bads += 1 - ok;
            }
            start = nl + 1;
        }
    }

    /** 1 for an event, 0 for a bad line, -1 for a blank line. */
    private int line(byte[] buf, int from, int to, long lineNo, Consumer<TraceEvent> events, Consumer<BadLine> bad) {
        int e = to;
        while (e > from && (buf[e - 1] == '\r' || buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
            e--;
        }
        int s = from;
        while (s < e && (buf[s] == ' ' || buf[s] == '\t')) {
            s++;
        }
        if (s == e) {
            return -1;
        }
        try {
            events.accept(parser.parse(buf, s, e - s));
            return 1;
        } catch (TraceLineParser.BadRecordException ex) {
            bad.accept(new BadLine(lineNo, ex.getMessage()));
            return 0;
        }
    }
}
