package dev.strait.provenance.store;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only log of opaque records in numbered segment files ({@code seg-00000001.psg}, rolled
 * at a size), each record framed as {@code [int length][int crc32c][payload]}.
 *
 * <p>A record is addressed by its <em>location</em>: segment number in the high 32 bits, byte
 * offset in the low 32. Opening scans every segment and hands each intact record to a visitor; a
 * record that is cut short or fails its checksum ends its segment (a torn tail: the process died
 * mid-write) and, when the log is writable, the file is truncated there so the next append
 * starts on a clean boundary. Records are only ever removed by {@link #rewrite}, which copies a
 * segment's surviving records to a new file and atomically replaces it.
 *
 * <p>Not thread-safe: the owner serialises calls.
 */
public final class SegmentLog implements Closeable {

    private static final Logger LOG = Logger.getLogger(SegmentLog.class.getName());
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 1 << 20;

    /** Receives each intact record found when the log is opened, in log order. */
    public interface Visitor {
        void record(long location, ByteBuffer payload);
    }

    private final Path dir;
    private final boolean writable;
    private final long rollBytes;
    private final TreeMap<Integer, FileChannel> segments = new TreeMap<>();
    private long activeSize;

    private SegmentLog(Path dir, boolean writable, long rollBytes) {
        this.dir = dir;
        this.writable = writable;
        this.rollBytes = rollBytes;
    }

    public static SegmentLog open(Path dir, boolean writable, long rollBytes, Visitor visitor) throws IOException {
        if (writable) {
            Files.createDirectories(dir);
        }
        SegmentLog log = new SegmentLog(dir, writable, rollBytes);
        if (Files.isDirectory(dir)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().matches("seg-\\d{8}\\.psg")).sorted().toList();
            }
            for (Path file : files) {
                log.load(file, visitor);
            }
        }
        return log;
    }

    private void load(Path file, Visitor visitor) throws IOException {
        int number = Integer.parseInt(file.getFileName().toString().substring(4, 12));
        FileChannel channel = writable
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ);
        long size = channel.size();
        ByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        long good = 0;
        while (good < size) {
            ByteBuffer payload = intactAt(buffer, (int) good, size);
            if (payload == null) {
                break;
            }
            int length = payload.remaining();
            visitor.record(location(number, good), payload);
            good += HEADER + length;
        }
        if (good < size) {
            LOG.warning("provenance segment " + file + ": torn or corrupt tail at byte " + good + " of " + size
                    + (writable ? ", truncated" : ", ignored"));
            if (writable) {
                channel.truncate(good);
                channel.force(true);
            }
        }
        segments.put(number, channel);
        activeSize = good;
    }

    /** The payload at {@code offset} if its frame is whole and its checksum holds, else null. */
    private static ByteBuffer intactAt(ByteBuffer buffer, int offset, long size) {
        if (size - offset < HEADER) {
            return null;
        }
        int length = buffer.getInt(offset);
        if (length <= 0 || length > MAX_RECORD || size - offset - HEADER < length) {
            return null;
        }
        int crc = buffer.getInt(offset + 4);
        ByteBuffer payload = buffer.slice(offset + HEADER, length);
        CRC32C check = new CRC32C();
        check.update(payload.duplicate());
        return (int) check.getValue() == crc ? payload : null;
    }

    /** Appends the payloads and forces them to disk; returns their locations. */
    public long[] append(List<byte[]> payloads) throws IOException {
        if (!writable) {
            throw new IllegalStateException("the provenance log was opened read-only");
        }
        if (segments.isEmpty() || activeSize >= rollBytes) {
            roll();
        }
        int number = segments.lastKey();
        FileChannel channel = segments.get(number);
        int total = 0;
        for (byte[] p : payloads) {
            total += HEADER + p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        long[] locations = new long[payloads.size()];
        for (int i = 0; i < locations.length; i++) {
            byte[] p = payloads.get(i);
            locations[i] = location(number, activeSize + out.position());
            CRC32C crc = new CRC32C();
            crc.update(p);
            out.putInt(p.length).putInt((int) crc.getValue()).put(p);
        }
        out.flip();
        long position = activeSize;
        while (out.hasRemaining()) {
            position += channel.write(out, position);
        }
        channel.force(false);
        activeSize = position;
        return locations;
    }

    private void roll() throws IOException {
        int number = segments.isEmpty() ? 1 : segments.lastKey() + 1;
        FileChannel channel = FileChannel.open(file(number), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        segments.put(number, channel);
        activeSize = 0;
        forceDirectory();
    }

    /** The payload stored at a location. */
    public ByteBuffer read(long location) {
        FileChannel channel = segments.get(segment(location));
        if (channel == null) {
            throw new IllegalArgumentException("no provenance segment " + segment(location));
        }
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(channel, header, offset(location));
            ByteBuffer payload = ByteBuffer.allocate(header.getInt(0));
            readFully(channel, payload, offset(location) + HEADER);
            return payload.flip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) {
                throw new EOFException("provenance segment ends before its record");
            }
            position += n;
        }
    }

    /**
     * Replaces a segment by a copy holding only the records at {@code keep} (ascending locations in
     * that segment); returns their new locations, in the same order. An emptied segment is deleted,
     * unless it is the active one.
     */
    public long[] rewrite(int segment, long[] keep) throws IOException {
        boolean active = segment == segments.lastKey();
        Path target = file(segment);
        long[] moved = new long[keep.length];
        if (keep.length == 0 && !active) {
            segments.remove(segment).close();
            Files.delete(target);
            forceDirectory();
            return moved;
        }
        Path temporary = dir.resolve(target.getFileName() + ".tmp");
        long size = 0;
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (int i = 0; i < keep.length; i++) {
                ByteBuffer payload = read(keep[i]);
                ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.remaining());
                CRC32C crc = new CRC32C();
                crc.update(payload.duplicate());
                frame.putInt(payload.remaining()).putInt((int) crc.getValue()).put(payload).flip();
                moved[i] = location(segment, size);
                while (frame.hasRemaining()) {
                    size += out.write(frame);
                }
            }
            out.force(true);
        }
        segments.remove(segment).close();
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        segments.put(segment, FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE));
        if (active) {
            activeSize = size;
        }
        return moved;
    }

    /** Bytes on disk over all segments. */
    public long bytes() throws IOException {
        long total = 0;
        for (FileChannel c : segments.values()) {
            total += c.size();
        }
        return total;
    }

    public List<Integer> segmentNumbers() {
        return new ArrayList<>(segments.keySet());
    }

    private Path file(int number) {
        return dir.resolve(String.format("seg-%08d.psg", number));
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // Not every file system lets a directory be opened for fsync; the rename is still atomic.
        }
    }

    public static long location(int segment, long offset) {
        return ((long) segment << 32) | offset;
    }

    public static int segment(long location) {
        return (int) (location >>> 32);
    }

    static long offset(long location) {
        return location & 0xFFFFFFFFL;
    }

    @Override
    public void close() throws IOException {
        for (FileChannel c : segments.values()) {
            c.close();
        }
        segments.clear();
    }
}
