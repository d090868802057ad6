package dev.strait.store.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit chain's tail, kept outside the database: the last entry's sequence number and hash,
 * under an HMAC whose key never enters the database. A hash chain alone cannot tell a chain whose
 * newest entries were deleted from a shorter honest one; the anchor can, because it remembers how
 * far the chain once reached. Someone holding only the database can neither roll the anchor back
 * nor forge a new one.
 *
 * <p>One line: {@code seq hash hmac}. Written whole to a temporary file, forced to disk, then moved
 * over the old one, so a crash leaves the old anchor or the new, never half of one.
 */
public final class AuditAnchor {

    /** What the anchor remembers: the chain reached entry {@code seq}, whose hash was {@code hash}. */
    public record Mark(long seq, String hash) {}

    /** A read anchor: empty when none was written yet; {@code forged} when its HMAC does not check. */
    public record Reading(Optional<Mark> mark, boolean forged) {
        static final Reading NONE = new Reading(Optional.empty(), false);
    }

    private final Path file;
    private final byte[] key;

    /** @param key at least 32 bytes kept apart from the database (the node's data directory) */
    public AuditAnchor(Path file, byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("an anchor key needs at least 32 bytes");
        }
        this.file = file;
        this.key = key.clone();
    }

    public Path file() {
        return file;
    }

    public synchronized Reading read() {
        if (!Files.exists(file)) {
            return Reading.NONE;
        }
        String line;
        try {
            line = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("the audit anchor " + file + " cannot be read", e);
        }
        String[] parts = line.split(" ");
        if (parts.length != 3) {
            return new Reading(Optional.empty(), true);
        }
        try {
            Mark mark = new Mark(Long.parseLong(parts[0]), parts[1]);
            boolean genuine = MessageDigest.isEqual(mac(mark).getBytes(StandardCharsets.US_ASCII),
                    parts[2].getBytes(StandardCharsets.US_ASCII));
            return genuine ? new Reading(Optional.of(mark), false) : new Reading(Optional.empty(), true);
        } catch (NumberFormatException e) {
            return new Reading(Optional.empty(), true);
        }
    }

    /** Records a new tail. Callers only ever move it forward (see {@link AuditLog#anchorTail()}). */
    public synchronized void write(Mark mark) {
        String line = mark.seq() + " " + mark.hash() + " " + mac(mark) + "\n";
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the audit anchor " + file + " cannot be written", e);
        }
    }

    private String mac(Mark mark) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal((mark.seq() + "|" + mark.hash()).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
