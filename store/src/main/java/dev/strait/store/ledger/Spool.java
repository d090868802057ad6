package dev.strait.store.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The durable hand-off between the request path and the ledger: a directory of memory-mapped
 * segments. Each event loop appends through a {@link Writer} of its own (no lock shared across
 * requests); the ledger thread reads every segment in order and deletes those it has drained.
 * Segments left by a process that died are recovered and replayed at start.
 */
public final class Spool {

    /** How a segment file comes to be; tests make one that fails as a full disk does. */
    @FunctionalInterface
    interface Allocator {
        Segment create(Path file, int size) throws IOException;
    }

    /** Held in memory while no segment can be made: at ~250 bytes a record, minutes of traffic. */
    public static final long DEFAULT_MAX_HELD_BYTES = 64L * 1024 * 1024;
    private static final long RETRY_NANOS = 1_000_000_000L;

    private final Path directory;
    private final int segmentBytes;
    private final ConcurrentLinkedQueue<Segment> segments = new ConcurrentLinkedQueue<>();
    /**
     * Segments made ahead, off the request path: making one writes its every block (megabytes of
     * zeros, milliseconds), which an event loop must not wait for.
     */
    private final ConcurrentLinkedQueue<Segment> spares = new ConcurrentLinkedQueue<>();
    private final AtomicInteger writers = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final Allocator allocator;
    private final long maxHeldBytes;
    private final Consumer<String> warn;
    private final ConcurrentLinkedQueue<byte[]> held = new ConcurrentLinkedQueue<>();
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong heldRecords = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong diskFullEpisodes = new AtomicLong();
    /** When making a segment last failed (System.nanoTime), 0 while segments can be made. */
    private final AtomicLong failedAt = new AtomicLong();
    private Writer rescuer;

    public Spool(Path directory, int segmentBytes) throws IOException {
        this(directory, segmentBytes, DEFAULT_MAX_HELD_BYTES, message -> { });
    }

    /**
     * @param maxHeldBytes how much may wait in memory while the disk is full; beyond it records are
     *     dropped and counted ({@link #droppedRecords()})
     * @param warn told, once per episode, when the disk fills and when records are written again
     */
    public Spool(Path directory, int segmentBytes, long maxHeldBytes, Consumer<String> warn) throws IOException {
        this(directory, segmentBytes, maxHeldBytes, warn, Segment::create);
    }

    Spool(Path directory, int segmentBytes, long maxHeldBytes, Consumer<String> warn, Allocator allocator)
            throws IOException {
        this.allocator = allocator;
        this.maxHeldBytes = maxHeldBytes;
        this.warn = warn;
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

    /** Appends for one thread: give each event loop its own. Never throws for a full disk. */
    public final class Writer {
        private Segment current;

        public void append(byte[] payload) {
            if (!write(payload)) {
                hold(payload);
            }
        }

        /** False when no segment can be made now (a full disk): the caller holds the record. */
        private boolean write(byte[] payload) {
            if (current != null && current.append(payload)) {
                return true;
            }
            if (payload.length + 2 * Segment.HEADER > segmentBytes) {
                throw new IllegalArgumentException("a record of " + payload.length + " bytes exceeds a spool segment");
            }
            if (current != null) {
                current.seal();
                current = null;
            }
            current = spares.poll();
            if (current == null) {
                current = newSegment();
            }
            return current != null && current.append(payload);
        }
    }

    public Writer writer() {
        writers.incrementAndGet();
        return new Writer();
    }

    /**
     * Makes a spare segment for each writer, so that a writer whose segment fills takes a ready one
     * instead of making it on its event loop. Called by the ledger thread between drains.
     */
    public void prepareSpares() {
        while (spares.size() < writers.get()) {
            Segment spare = newSegment();
            if (spare == null) {
                return;
            }
            spares.add(spare);
        }
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

    /** Records held in memory because the disk was full, and how many were dropped past the bound. */
    public long heldRecords() {
        return heldRecords.get();
    }

    public long droppedRecords() {
        return dropped.get();
    }

    /** How many times the disk filled (a segment could not be made after segments could). */
    public long diskFullEpisodes() {
        return diskFullEpisodes.get();
    }

    /**
     * Writes what the disk could not take earlier, once it can. Called by the one thread that drains
     * the spool (the ledger writer), which owns the writer used here.
     */
    public void rescueHeld() {
        if (held.isEmpty()) {
            return;
        }
        if (rescuer == null) {
            rescuer = new Writer();
        }
        long rescued = 0;
        byte[] payload;
        while ((payload = held.peek()) != null) {
            if (!rescuer.write(payload)) {
                return;
            }
            held.poll();
            heldBytes.addAndGet(-payload.length);
            heldRecords.decrementAndGet();
            rescued++;
        }
        if (rescuer.current != null) {
            // Sealed, so the drain can delete it once read; the next rescue makes a fresh one.
            rescuer.current.seal();
            rescuer.current = null;
        }
        if (rescued > 0) {
            warn.accept("the spool can write again: " + rescued + " records held in memory are on disk");
        }
    }

    private void hold(byte[] payload) {
        if (heldBytes.addAndGet(payload.length) > maxHeldBytes) {
            heldBytes.addAndGet(-payload.length);
            if (dropped.getAndIncrement() == 0) {
                warn.accept("the spool's memory reserve is full while the disk is: usage records are being dropped"
                        + " (counted in strait_spool_dropped_records)");
            }
            return;
        }
        held.add(payload);
        heldRecords.incrementAndGet();
    }

    /** A new segment, or null while the disk is full (tried again at most once a second). */
    private Segment newSegment() {
        long failed = failedAt.get();
        if (failed != 0 && System.nanoTime() - failed < RETRY_NANOS) {
            return null;
        }
        Path file = directory.resolve(String.format("%020d.seg", sequence.incrementAndGet()));
        try {
            Segment segment = allocator.create(file, segmentBytes);
            segments.add(segment);
            failedAt.set(0);
            return segment;
        } catch (IOException e) {
            if (failedAt.getAndSet(System.nanoTime()) == 0) {
                diskFullEpisodes.incrementAndGet();
                warn.accept("cannot create spool segment " + file + " (" + e.getMessage()
                        + "): usage records are held in memory until the disk has room");
            }
            return null;
        }
    }
}
