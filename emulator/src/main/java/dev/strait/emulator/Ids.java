package dev.strait.emulator;

import java.util.random.RandomGenerator;

/** Provider-shaped ids ("chatcmpl-…", "msg_…"), drawn from an injected generator so tests can fix them. */
final class Ids {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final RandomGenerator random;

    Ids(RandomGenerator random) {
        this.random = random;
    }

    String next(String prefix, int length) {
        StringBuilder out = new StringBuilder(prefix.length() + length).append(prefix);
        // Generators such as SplittableRandom are not thread-safe; the server may use several loops.
        synchronized (this) {
            for (int i = 0; i < length; i++) {
                out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
        }
        return out.toString();
    }
}
