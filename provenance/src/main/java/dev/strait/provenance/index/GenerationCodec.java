package dev.strait.provenance.index;

import dev.strait.provenance.signature.Signature;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The on-disk form of a {@link Generation}: {@code format(1) version(2) time(8) words(4)}, five
 * length-prefixed UTF-8 strings (org, key, request, model, market), the fingerprints, the MinHash.
 */
final class GenerationCodec {

    private static final byte FORMAT = 1;
    private static final int MAX_STRING = 512;

    private GenerationCodec() {}

    static byte[] encode(Generation g) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + g.signature().fingerprints().length * 4 + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeShort(g.signature().version());
            out.writeLong(g.time().toEpochMilli());
            out.writeInt(g.signature().words());
            for (String s : new String[] {g.org(), g.keyId(), g.requestId(), g.model(), g.market()}) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                int n = Math.min(b.length, MAX_STRING);
                out.writeShort(n);
                out.write(b, 0, n);
            }
            int[] fps = g.signature().fingerprints();
            out.writeShort(fps.length);
            for (int fp : fps) {
                out.writeInt(fp);
            }
            short[] minHash = g.signature().minHash();
            out.writeShort(minHash.length);
            for (short m : minHash) {
                out.writeShort(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Generation decode(ByteBuffer in) {
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown provenance record format " + format);
        }
        int version = in.getShort();
        Instant time = Instant.ofEpochMilli(in.getLong());
        int words = in.getInt();
        String[] s = new String[5];
        for (int i = 0; i < s.length; i++) {
            byte[] b = new byte[in.getShort()];
            in.get(b);
            s[i] = new String(b, StandardCharsets.UTF_8);
        }
        int[] fps = new int[in.getShort()];
        for (int i = 0; i < fps.length; i++) {
            fps[i] = in.getInt();
        }
        short[] minHash = new short[in.getShort()];
        for (int i = 0; i < minHash.length; i++) {
            minHash[i] = in.getShort();
        }
        return new Generation(s[0], s[1], s[2], s[3], s[4], time, new Signature(version, fps, minHash, words));
    }
}
