package dev.strait.core.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The key format {@code sk-strait-<prefix>-<secret>}: the prefix finds the record, the secret is
 * checked against its hash ({@link KeyHasher}). A slow hash buys nothing here: the secret is 192
 * random bits, not a password, so a fast keyed hash is as safe and keeps the check off the latency
 * budget.
 */
public final class KeySecrets {

    public static final String MARK = "sk-strait-";
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int PREFIX_LENGTH = 10;
    private static final int SECRET_LENGTH = 32;

    private KeySecrets() {}

    /** A freshly generated key: the whole text (shown once) and its parts. */
    public record Generated(String text, String prefix, String secretHash) {}

    /** The parts of a presented key, or null when it is not one of ours. */
    public record Presented(String prefix, String secret) {}

    public static Generated generate(RandomGenerator secureRandom, KeyHasher hasher) {
        String prefix = random(secureRandom, PREFIX_LENGTH);
        String secret = random(secureRandom, SECRET_LENGTH);
        return new Generated(MARK + prefix + "-" + secret, prefix, hasher.hash(secret));
    }

    public static Presented parse(String key) {
        if (key == null || !key.startsWith(MARK)) {
            return null;
        }
        int dash = key.indexOf('-', MARK.length());
        if (dash != MARK.length() + PREFIX_LENGTH || key.length() != dash + 1 + SECRET_LENGTH) {
            return null;
        }
        return new Presented(key.substring(MARK.length(), dash), key.substring(dash + 1));
    }

    /** A plain SHA-256, hex: for content hashes (policy files, the audit chain), not for secrets. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String random(RandomGenerator random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
