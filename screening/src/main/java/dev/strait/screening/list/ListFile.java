package dev.strait.screening.list;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/** One file of a list, read once: its bytes (for the version hash) and its text. */
record ListFile(Path path, byte[] bytes, LocalDate modified) {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    static ListFile read(Path path) throws IOException {
        LocalDate modified = LocalDate.ofInstant(Files.getLastModifiedTime(path).toInstant(), ZoneOffset.UTC);
        return new ListFile(path, Files.readAllBytes(path), modified);
    }

    String name() {
        return path.getFileName().toString();
    }

    /** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what OFAC publishes). */
    String text() {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    /** SHA-256 over the files' bytes in order, each prefixed by its length so boundaries count. */
    static String sha256(List<ListFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ListFile file : files) {
                digest.update(ByteBuffer.allocate(8).putLong(file.bytes.length).array());
                digest.update(file.bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short stable id for entries whose list gives none (DPL rows, blocklist lines). */
    static String shortHash(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
