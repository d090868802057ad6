package dev.strait.monitor.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Streams a trace (JSON Lines, plain or gzip, detected from the magic bytes) line by line into
 * {@link TraceEvent}s. A line that cannot be read is reported with its number and skipped: one bad
 * record must not stop the replay of millions.
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
        long[] counts = new long[2];
        long lines = LineSplitter.split(in, (buf, from, to, lineNo) -> {
            try {
                events.accept(parser.parse(buf, from, to - from));
                counts[0]++;
            } catch (TraceLineParser.BadRecordException ex) {
                bad.accept(new BadLine(lineNo, ex.getMessage()));
                counts[1]++;
            }
        });
        return new Stats(lines, counts[0], counts[1]);
    }
}
