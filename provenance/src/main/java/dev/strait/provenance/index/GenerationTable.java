package dev.strait.provenance.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query needs of every generation, in columns indexed by generation number (assigned in
 * log order when the index is opened or a completion is indexed): organization and market as
 * dictionary codes, time, where its record lies on disk, how many fingerprints it kept, and
 * whether it was deleted. About 23 bytes a generation; everything else stays on disk.
 *
 * <p>Not thread-safe: {@link ProvenanceIndex} guards it with its lock.
 */
final class GenerationTable {

    private final Dictionary orgs = new Dictionary();
    private final Dictionary markets = new Dictionary();
    private int[] org = new int[1024];
    private short[] market = new short[1024];
    private long[] time = new long[1024];
    private long[] location = new long[1024];
    private byte[] kept = new byte[1024];
    private long[] deleted = new long[16];
    private int size;
    private int live;

    int add(String orgId, String marketCode, long timeMillis, long at, int fingerprints) {
        if (size == org.length) {
            int capacity = size + (size >> 1);
            org = Arrays.copyOf(org, capacity);
            market = Arrays.copyOf(market, capacity);
            time = Arrays.copyOf(time, capacity);
            location = Arrays.copyOf(location, capacity);
            kept = Arrays.copyOf(kept, capacity);
            deleted = Arrays.copyOf(deleted, (capacity >> 6) + 1);
        }
        int g = size++;
        org[g] = orgs.code(orgId);
        market[g] = (short) markets.code(marketCode);
        time[g] = timeMillis;
        location[g] = at;
        kept[g] = (byte) Math.min(fingerprints, 127);
        live++;
        return g;
    }

    int size() {
        return size;
    }

    int live() {
        return live;
    }

    int org(int g) {
        return org[g];
    }

    String orgName(int code) {
        return orgs.name(code);
    }

    /** The code of an organization, or -1 if it has no generation. */
    int orgCode(String orgId) {
        return orgs.find(orgId);
    }

    int organizations() {
        return orgs.size();
    }

    String marketName(int g) {
        return markets.name(market[g]);
    }

    long time(int g) {
        return time[g];
    }

    long location(int g) {
        return location[g];
    }

    void relocate(int g, long at) {
        location[g] = at;
    }

    int kept(int g) {
        return kept[g];
    }

    boolean deleted(int g) {
        return (deleted[g >> 6] & (1L << g)) != 0;
    }

    void delete(int g) {
        if (!deleted(g)) {
            deleted[g >> 6] |= 1L << g;
            live--;
        }
    }

    long bytes() {
        return (long) org.length * (4 + 2 + 8 + 8 + 1) + deleted.length * 8L;
    }

    /** Interned strings with dense codes; organizations and markets are few next to generations. */
    private static final class Dictionary {
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> names = new ArrayList<>();

        int code(String name) {
            return codes.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
        }

        int find(String name) {
            return codes.getOrDefault(name, -1);
        }

        String name(int code) {
            return names.get(code);
        }

        int size() {
            return names.size();
        }
    }
}
