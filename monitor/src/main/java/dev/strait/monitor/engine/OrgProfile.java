package dev.strait.monitor.engine;

import dev.strait.monitor.features.RequestFeatures;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All the engine keeps about one organization: its {@link Profile} plus what links it to others
 * (networks, clients) and how it uses keys and models. Fingerprints and counts only.
 */
final class OrgProfile {
    static final int MAX_KEYS = 128;
    static final int MAX_NETS = 32;
    static final int MAX_MODELS = 32;
    static final long DAY = 86_400_000L;

    final String org;
    String market = "";
    final Profile profile;
    long firstSeen = Long.MAX_VALUE, lastSeen = Long.MIN_VALUE;
    long requests;
    final Map<Long, KeyUse> keys = new LinkedHashMap<>(8, 0.75f, true);
    final Map<Long, Long> nets24 = new HashMap<>();
    final Map<Long, Long> nets28 = new HashMap<>();
    final TopK agents = new TopK(4);
    final Map<String, ModelUse> models = new HashMap<>();

    /** One API key: when it was used and how much, and the last prompt's SimHash (for enumeration). */
    static final class KeyUse {
        long first, last, count, lastSim;
        /** Its own profile (for the first {@value #MAX_KEY_PROFILES} keys): harvest hidden in a legitimate org. */
        Profile profile;
    }

    static final int MAX_KEY_PROFILES = 8;
    static final int MAX_SEGMENTS = 5;
    /**
     * A segment gets its own profile from its {@value}th request: most keys and templates stay small, and
     * a segment is judged only from 50 requests on, so the first few are not missed.
     */
    static final int PROFILE_AFTER = 8;
    /**
     * Traffic by system prompt and by client (the first few of each): a harvest stream hidden in a
     * legitimate organization rarely shares the cover's application or client.
     */
    final Map<Long, KeyUse> systems = new HashMap<>();
    final Map<Long, KeyUse> clients = new HashMap<>();
    /** Traffic by template (opening and closing): a harvest template is its own application. */
    final Map<Long, KeyUse> templates = new HashMap<>();

    private final int windowDays;
    private int keyProfiles;

    /** One model: first use, and the organization's request count at that moment (for share after). */
    static final class ModelUse {
        long first, count, orgRequestsBefore;
    }

    OrgProfile(String org, int windowDays) {
        this.org = org;
        this.profile = new Profile(windowDays);
        this.windowDays = windowDays;
    }

    void add(RequestFeatures f) {
        long day = Math.floorDiv(f.tsMillis(), DAY);
        int hour = (int) (Math.floorMod(f.tsMillis(), DAY) / 3_600_000L);
        market = f.market();
        firstSeen = Math.min(firstSeen, f.tsMillis());
        lastSeen = Math.max(lastSeen, f.tsMillis());

        KeyUse k = keys.get(f.keyHash());
        if (k == null) {
            if (keys.size() >= MAX_KEYS) {
                var eldest = keys.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            k = new KeyUse();
            k.first = f.tsMillis();
            keys.put(f.keyHash(), k);
        }
        k.last = f.tsMillis();
        k.count++;
        if (k.count == PROFILE_AFTER && keyProfiles < MAX_KEY_PROFILES) {
            k.profile = new Profile(windowDays, false);
            keyProfiles++;
        }
        // systematic enumeration: consecutive prompts of a key that differ in a few words only
        boolean nearDup = f.chat() && k.lastSim != 0 && f.simHash() != 0
                && Long.bitCount(k.lastSim ^ f.simHash()) <= 10 && k.lastSim != f.simHash();
        if (f.chat()) {
            k.lastSim = f.simHash();
        }
        profile.add(f, day, hour, nearDup);
        if (f.chat()) {
            segment(systems, f.systemHash(), f, day, hour, nearDup);
            segment(clients, f.uaHash(), f, day, hour, nearDup);
            segment(templates, f.headHash(), f, day, hour, nearDup);
            if (f.tailHash() != f.headHash()) {
                segment(templates, f.tailHash() ^ 0x5bd1e995L, f, day, hour, nearDup);
            }
        }
        if (k.profile != null) {
            k.profile.add(f, day, hour, nearDup);
        }
        count(nets24, f.net24());
        count(nets28, f.net28());
        agents.add(f.uaHash(), 1);
        if (f.chat() && !f.model().isEmpty()) {
            ModelUse m = models.get(f.model());
            if (m == null && models.size() < MAX_MODELS) {
                m = new ModelUse();
                m.first = f.tsMillis();
                m.orgRequestsBefore = requests;
                models.put(f.model(), m);
            }
            if (m != null) {
                m.count++;
            }
        }
        requests++;
    }

    private void segment(Map<Long, KeyUse> segments, long id, RequestFeatures f, long day, int hour, boolean nearDup) {
        KeyUse s = segments.get(id);
        if (s == null && segments.size() >= MAX_SEGMENTS) {
            // a full table gives way to a newcomer only at the expense of a segment that never took off
            Long smallest = null;
            long min = Long.MAX_VALUE;
            for (var e : segments.entrySet()) {
                if (e.getValue().count < min) {
                    min = e.getValue().count;
                    smallest = e.getKey();
                }
            }
            if (min < 3) {
                segments.remove(smallest);
            }
        }
        if (s == null && segments.size() < MAX_SEGMENTS) {
            s = new KeyUse();
            s.first = f.tsMillis();
            segments.put(id, s);
        }
        if (s != null) {
            s.count++;
            s.last = f.tsMillis();
            if (s.count == PROFILE_AFTER) {
                s.profile = new Profile(windowDays, false);
            }
            if (s.profile != null) {
                s.profile.add(f, day, hour, nearDup);
            }
        }
    }

    private static void count(Map<Long, Long> m, long net) {
        if (net == 0) {
            return;
        }
        if (m.size() < MAX_NETS || m.containsKey(net)) {
            m.merge(net, 1L, Long::sum);
        }
    }

    /** Keys that carried real traffic but only for a short part of the organization's life: rotation. */
    double keyChurn() {
        long span = Math.max(DAY, lastSeen - firstSeen);
        int used = 0, short_ = 0;
        for (KeyUse k : keys.values()) {
            if (k.count < 5) {
                continue;
            }
            used++;
            if (k.last - k.first < span * 0.4) {
                short_++;
            }
        }
        return used < 3 ? 0 : (double) short_ / used;
    }

    int activeKeys() {
        int n = 0;
        for (KeyUse k : keys.values()) {
            if (k.count >= 5) {
                n++;
            }
        }
        return n;
    }
}
