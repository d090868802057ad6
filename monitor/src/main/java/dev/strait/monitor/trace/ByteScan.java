package dev.strait.monitor.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches in raw bytes eight at a time (SWAR: a long holds eight bytes, and one subtraction finds
 * whether any of them is zero). A trace is hundreds of megabytes of JSON; looking for a line end or a
 * string's closing quote byte by byte was a tenth of a replay's CPU.
 */
final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';

    private ByteScan() {
    }

    /** The index of the first {@code '\n'} in {@code [from, to)}, or -1. */
    static int newline(byte[] buf, int from, int to) {
        int i = from;
        while (i + 8 <= to && zeroByte((long) LONGS.get(buf, i) ^ NEWLINES) == 0) {
            i += 8;
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The index of the quote that closes a JSON string whose content starts at {@code from}, or -1. */
    static int closingQuote(byte[] buf, int from, int to) {
        int i = from;
        while (true) {
            while (i + 8 <= to) {
                long word = (long) LONGS.get(buf, i);
                if ((zeroByte(word ^ QUOTES) | zeroByte(word ^ BACKSLASHES)) != 0) {
                    break;
                }
                i += 8;
            }
            // Within the next eight bytes (or the tail) a quote or a backslash: walk them one by one.
            int stop = Math.min(to, i + 8);
            for (; i < stop; i++) {
                byte b = buf[i];
                if (b == '"') {
                    return i;
                }
                if (b == '\\') {
                    i++; // the escaped byte; \\uXXXX continues with hex digits, which need no care
                }
            }
            if (i >= to) {
                return -1;
            }
        }
    }

    /** Non-zero when some byte of {@code word} is zero. */
    private static long zeroByte(long word) {
        return (word - ONES) & ~word & HIGHS;
    }
}
