package dev.strait.monitor.engine;

/**
 * Per-day counters over a sliding window of days: adding to a day beyond the window evicts the oldest
 * days. Sums over the window are exact; the memory is {@code days × Slot.COUNT} ints (a day's count
 * saturates at {@link Integer#MAX_VALUE} rather than wrapping).
 */
final class DayRing {
    private final int[][] days;
    private long newestDay = Long.MIN_VALUE;

    DayRing(int windowDays) {
        days = new int[windowDays][Slot.COUNT];
    }

    int window() {
        return days.length;
    }

    /** The counters of the given day (epoch day), rolling the window forward when it is new. */
    int[] day(long epochDay) {
        if (newestDay == Long.MIN_VALUE) {
            newestDay = epochDay;
        } else if (epochDay > newestDay) {
            long gap = Math.min(epochDay - newestDay, days.length);
            for (long d = 1; d <= gap; d++) {
                java.util.Arrays.fill(days[(int) Math.floorMod(newestDay + d, (long) days.length)], 0);
            }
            newestDay = epochDay;
        } else if (newestDay - epochDay >= days.length) {
            return null; // older than the window: late data is dropped
        }
        return days[(int) Math.floorMod(epochDay, (long) days.length)];
    }

    /** Sum of one slot over the window. */
    long sum(int slot) {
        long s = 0;
        for (int[] d : days) {
            s += d[slot];
        }
        return s;
    }

    long or(int slot) {
        long s = 0;
        for (int[] d : days) {
            s |= d[slot];
        }
        return s;
    }

    /** The counters of the day {@code ago} days before the newest (0 = newest). */
    int[] daysAgo(int ago) {
        return days[(int) Math.floorMod(newestDay - ago, (long) days.length)];
    }

    long newestDay() {
        return newestDay;
    }

    /** Adds another ring's days onto this one's (aligned by epoch day); for pooling a cluster. */
    void addAll(DayRing other) {
        if (other.newestDay == Long.MIN_VALUE) {
            return;
        }
        for (int ago = 0; ago < other.days.length; ago++) {
            int[] src = other.daysAgo(ago);
            int[] dst = day(other.newestDay - ago);
            if (dst == null) {
                continue;
            }
            for (int s = 0; s < Slot.COUNT; s++) {
                dst[s] = s == Slot.TEMP_MASK ? dst[s] | src[s] : add(dst[s], src[s]);
            }
        }
    }

    /** Saturating addition: a day's counter never wraps negative. */
    static int add(int a, long b) {
        return (int) Math.min(Integer.MAX_VALUE, a + b);
    }
}
