package dev.strait.core.access;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes API key secrets with HMAC-SHA256 under a server-side secret (the pepper), which lives
 * outside the database: a copy of the database alone cannot be used to check guesses. Stored
 * hashes carry their scheme ({@code h1:}); a bare hex hash is a key made before peppering, plain
 * SHA-256, still honoured. Comparison is in constant time. Each thread keeps its own {@link Mac}:
 * no lock is shared across requests.
 */
public final class KeyHasher {

    private static final String SCHEME = "h1:";

    private final SecretKeySpec pepper;
    private final ThreadLocal<Mac> macs;

    public KeyHasher(byte[] pepper) {
        if (pepper.length < 16) {
            throw new IllegalArgumentException("the key pepper must be at least 16 bytes");
        }
        this.pepper = new SecretKeySpec(pepper.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String hash(String secret) {
        return SCHEME + HexFormat.of().formatHex(macs.get().doFinal(secret.getBytes(StandardCharsets.UTF_8)));
    }

    public boolean matches(String secret, String stored) {
        String actual = stored.startsWith(SCHEME) ? hash(secret) : KeySecrets.sha256(secret);
        return MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII), stored.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
