package dev.strait.monitor.features;

import java.util.Arrays;

/**
 * Splits text into word hashes: letters lowercased, every run of digits one {@code #} token (so
 * templates that differ only in numbers look the same), everything else a separator. Reusable, not
 * thread-safe; the text is copied once into a reused buffer.
 */
final class Words {
    static final long NUMBER = Hashing.word("#");

    long[] hashes = new long[512];
    int[] lengths = new int[512];
    int size;
    /** The text's characters, copied once: indexing an array is cheaper than {@code String.charAt} per character. */
    private char[] chars = new char[1024];

    Words scan(String text, int limit) {
        size = 0;
        int n = Math.min(text.length(), limit);
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        char[] cs = chars;
        text.getChars(0, n, cs, 0);
        long h = Hashing.WORD_START;
        int len = 0;
        boolean number = false;
        for (int i = 0; i < n; i++) {
            char c = cs[i];
            if (c >= '0' && c <= '9') {
                if (len > 0 && !number) {
                    add(Hashing.mix(h), len);
                    h = Hashing.WORD_START;
                    len = 0;
                }
                number = true;
                len++;
            } else if (number && (c == '.' || c == ',') && i + 1 < n && Character.isDigit(cs[i + 1])) {
                len++;
            } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= 128 && Character.isLetter(c)
                    || (c == '\'' && len > 0 && !number)) {
                if (number) {
                    add(NUMBER, 1);
                    number = false;
                    len = 0;
                }
                h = Hashing.step(h, c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c) : Character.toLowerCase(c));
                len++;
            } else if (len > 0) {
                add(number ? NUMBER : Hashing.mix(h), number ? 1 : len);
                h = Hashing.WORD_START;
                len = 0;
                number = false;
            }
        }
        if (len > 0) {
            add(number ? NUMBER : Hashing.mix(h), number ? 1 : len);
        }
        return this;
    }

    private void add(long hash, int len) {
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        hashes[size] = hash;
        lengths[size++] = len;
    }
}
