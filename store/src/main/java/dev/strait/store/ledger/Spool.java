package dev.strait.store.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The durable hand-off between the request path and the ledger: a directory of memory-mapped
 * segments. Each event loop appends through a {@link Writer} of its own (no lock shared across
 * requests); the ledger thread reads every segment in order and deletes those it has drained.
 * Segments left by a process that died are recovered and replayed at start.
 */
public final class Spool {

    private final Path directory;
    private final int segmentBytes;
    private final ConcurrentLinkedQueue<Segment> segments = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();

    public Spool(Path directory, int segmentBytes) throws IOException {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        Files.createDirectories(directory);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".seg")).sorted().toList()) {
                segments.add(Segment.recover(file));
            }
        }
        sequence.set(System.currentTimeMillis() * 1000);
    }

    /** Appends for one thread: give each event loop its own. */
    public final class Writer {
        private Segment current;

        public void append(byte[] payload) {
            if (current == null || !current.append(payload)) {
                if (current != null) {
                    current.seal();
                }
                current = newSegment();
                if (!current.append(payload)) {
                    throw new IllegalArgumentException("a record of " + payload.length + " bytes exceeds a spool segment");
                }
            }
        }
    }

    public Writer writer() {
        return new Writer();
    }

    /** The segments in the order they were made. */
    List<Segment> segments() {
        return new ArrayList<>(segments);
    }

    void remove(Segment segment) throws IOException {
        segments.remove(segment);
        segment.delete();
    }

    /** Records written but not yet drained into the ledger, in bytes: a gauge while the database is away. */
    public long pendingBytes() {
        long pending = 0;
        for (Segment s : segments) {
            pending += s.published() - s.readPosition();
        }
        return pending;
    }

    private Segment newSegment() {
        Path file = directory.resolve(String.format("%020d.seg", sequence.incrementAndGet()));
        try {
            Segment segment = Segment.create(file, segmentBytes);
            segments.add(segment);
            return segment;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create spool segment " + file, e);
        }
    }
}
