package dev.strait.store.ledger;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * One memory-mapped spool file: records of {@code [length][crc32c][payload]}, a zero length
 * after the last. Stores into a mapping land in the kernel's page cache, so a record survives the
 * process being killed the moment its store completes, without a system call on the hot path.
 * One thread appends; the ledger thread reads up to {@link #published()}.
 */
final class Segment {

    static final int HEADER = 8;

    final Path path;
    private final MappedByteBuffer map;
    private volatile int published;
    private volatile boolean sealed;
    private int readPosition;

    private Segment(Path path, MappedByteBuffer map, int published, boolean sealed) {
        this.path = path;
        this.map = map;
        this.published = published;
        this.sealed = sealed;
    }

    /**
     * Makes a segment whose every block is on disk before it is mapped. A sparse file (setLength alone)
     * would map fine on a full disk and then kill the process with SIGBUS at the first store into a page
     * the file system cannot back; writing the zeros first turns a full disk into an IOException here,
     * off the mapping, where the spool can hold records in memory instead.
     */
    static Segment create(Path path, int size) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            FileChannel channel = file.getChannel();
            ByteBuffer zeros = ByteBuffer.allocate(Math.min(size, 64 * 1024));
            long written = 0;
            while (written < size) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
                written += channel.write(zeros, written);
            }
            return new Segment(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, size), 0, false);
        } catch (IOException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** Maps a segment left by an earlier process and finds where its intact records end. */
    static Segment recover(Path path) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            MappedByteBuffer map = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, file.length());
            int end = 0;
            while (true) {
                byte[] payload = readAt(map, end);
                if (payload == null) {
                    break;
                }
                end += HEADER + payload.length;
            }
            return new Segment(path, map, end, true);
        }
    }

    /** Appends if it fits; false means the segment is full. Called by its one writer thread. */
    boolean append(byte[] payload) {
        int at = published;
        if (at + HEADER + payload.length + HEADER > map.capacity()) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        map.put(at + HEADER, payload);
        map.putInt(at + 4, (int) crc.getValue());
        // The length goes last: a record is only there once its length is.
        map.putInt(at, payload.length);
        published = at + HEADER + payload.length;
        return true;
    }

    void seal() {
        sealed = true;
    }

    boolean sealed() {
        return sealed;
    }

    int published() {
        return published;
    }

    /** The next record for the reader, or null when it has caught up. Ledger thread only. */
    byte[] next() {
        if (readPosition >= published) {
            return null;
        }
        byte[] payload = readAt(map, readPosition);
        if (payload == null) {
            throw new IllegalStateException("corrupt spool record in " + path + " at " + readPosition);
        }
        return payload;
    }

    /** Marks the record returned by {@link #next} as safely in the ledger. */
    void consumed(byte[] payload) {
        readPosition += HEADER + payload.length;
    }

    /** Rewinds to the last consumed record, after a batch that did not commit. */
    int readPosition() {
        return readPosition;
    }

    void rewindTo(int position) {
        readPosition = position;
    }

    boolean drained() {
        return sealed && readPosition >= published;
    }

    void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    private static byte[] readAt(ByteBuffer map, int at) {
        if (at + HEADER > map.capacity()) {
            return null;
        }
        int length = map.getInt(at);
        if (length <= 0 || at + HEADER + length > map.capacity()) {
            return null;
        }
        byte[] payload = new byte[length];
        map.get(at + HEADER, payload);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue() == map.getInt(at + 4) ? payload : null;
    }
}
