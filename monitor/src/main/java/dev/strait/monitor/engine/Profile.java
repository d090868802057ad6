package dev.strait.monitor.engine;

import dev.strait.monitor.features.RequestFeatures;

/**
 * The traffic of one organization (or of a pooled cluster) over the sliding window, as counters and
 * sketches of fingerprints. Counters are exact per day; the sketches keep two generations of half a
 * window each, so what they say covers between a half and a whole window.
 */
final class Profile {
    static final int TEMPLATE_SLOTS = 12;
    static final int TOPIC_SKETCH = 128;

    final DayRing ring;
    private final int halfWindow;
    private long generationStartDay = Long.MIN_VALUE;
    final TopK[] heads = {new TopK(TEMPLATE_SLOTS), new TopK(TEMPLATE_SLOTS)};
    final TopK[] tails = {new TopK(TEMPLATE_SLOTS), new TopK(TEMPLATE_SLOTS)};
    final TopK[] systems = {new TopK(4), new TopK(4)};
    final Kmv[] topics = {new Kmv(TOPIC_SKETCH), new Kmv(TOPIC_SKETCH)};
    private int current;
    /** Segments (keys, system prompts) keep counters only; templates and topics are the org's. */
    private final boolean sketches;

    Profile(int windowDays) {
        this(windowDays, true);
    }

    Profile(int windowDays, boolean sketches) {
        ring = new DayRing(windowDays);
        halfWindow = Math.max(1, windowDays / 2);
        this.sketches = sketches;
    }

    void add(RequestFeatures f, long epochDay, int hour, boolean nearDup) {
        int[] d = ring.day(epochDay);
        if (d == null) {
            return;
        }
        rollGeneration(epochDay);
        d[Slot.REQUESTS]++;
        d[Slot.HOUR0 + hour]++;
        if (!f.chat()) {
            return;
        }
        d[Slot.CHAT]++;
        if (f.ok()) {
            d[Slot.OK]++;
            d[Slot.PROMPT_TOKENS] = DayRing.add(d[Slot.PROMPT_TOKENS], f.promptTokens());
            d[Slot.COMPLETION_TOKENS] = DayRing.add(d[Slot.COMPLETION_TOKENS], f.completionTokens());
        }
        d[Slot.PROMPT_WORDS] = DayRing.add(d[Slot.PROMPT_WORDS], f.promptWords());
        if (f.reasoning()) {
            d[Slot.REASONING]++;
        }
        if (f.grading()) {
            d[Slot.GRADING]++;
        }
        if (f.n() > 1) {
            d[Slot.MULTI_SAMPLE]++;
        }
        if (f.logprobs()) {
            d[Slot.LOGPROBS]++;
        }
        if (f.seed()) {
            d[Slot.SEED]++;
        }
        if (f.tools()) {
            d[Slot.TOOLS]++;
        }
        if (!Double.isNaN(f.temperature())) {
            d[Slot.TEMP_SET]++;
            if (f.temperature() >= 0.6) {
                d[Slot.HIGH_TEMP]++;
            }
            if (f.temperature() == 0) {
                d[Slot.TEMP_ZERO]++;
            }
            d[Slot.TEMP_MASK] |= 1 << (int) Math.max(0, Math.min(30, Math.round(f.temperature() * 10)));
        }
        if (f.maxTokens() >= 4000) {
            d[Slot.MAX_4K]++;
        }
        if (f.maxTokens() >= 2000) {
            d[Slot.MAX_2K]++;
            if (f.temperature() >= 0.6 && !f.tools()) {
                d[Slot.HARVEST_SAMPLING]++;
            }
        }
        if (f.systemHash() != 0) {
            d[Slot.SYSTEM]++;
        }
        if (f.turns() > 2) {
            d[Slot.MULTI_TURN]++;
        }
        if (nearDup) {
            d[Slot.NEAR_DUP]++;
        }
        if (!sketches) {
            return;
        }
        heads[current].add(f.headHash(), 1);
        tails[current].add(f.tailHash(), 1);
        systems[current].add(f.systemHash(), 1);
        for (long t : f.topics()) {
            topics[current].add(t);
        }
    }

    private void rollGeneration(long epochDay) {
        if (generationStartDay == Long.MIN_VALUE) {
            generationStartDay = epochDay;
        } else if (epochDay - generationStartDay >= halfWindow) {
            current ^= 1;
            heads[current].clear();
            tails[current].clear();
            systems[current].clear();
            topics[current].clear();
            generationStartDay = epochDay;
        }
    }

    /** Adds another profile's traffic to this one (cluster pooling). */
    void addAll(Profile o) {
        ring.addAll(o.ring);
        for (int g = 0; g < 2; g++) {
            heads[current].addAll(o.heads[g]);
            tails[current].addAll(o.tails[g]);
            systems[current].addAll(o.systems[g]);
            topics[current].addAll(o.topics[g]);
        }
    }

    long sum(int slot) {
        return ring.sum(slot);
    }

    /** The share of chat requests that carry the most frequent template opening or closing. */
    double templateTopShare() {
        TopK h = merged(heads), t = merged(tails);
        double total = Math.max(1, h.total);
        return Math.max(h.top(), t.top()) / total;
    }

    /** The fingerprints of the frequent templates (openings and closings) with at least {@code minShare}. */
    long[] frequentTemplates(double minShare) {
        TopK h = merged(heads), t = merged(tails);
        long[] out = new long[h.keys.length + t.keys.length];
        int k = 0;
        for (TopK x : new TopK[] {h, t}) {
            for (int i = 0; i < x.keys.length; i++) {
                if (x.counts[i] > 0 && x.counts[i] >= minShare * x.total) {
                    out[k++] = x.keys[i];
                }
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    long[] frequentSystems(double minShare) {
        TopK s = merged(systems);
        long[] out = new long[s.keys.length];
        int k = 0;
        for (int i = 0; i < s.keys.length; i++) {
            if (s.counts[i] > 0 && s.keys[i] != 0 && s.counts[i] >= minShare * s.total) {
                out[k++] = s.keys[i];
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    double distinctTopics() {
        Kmv k = new Kmv(TOPIC_SKETCH);
        k.addAll(topics[0]);
        k.addAll(topics[1]);
        return k.estimate();
    }

    private static TopK merged(TopK[] gens) {
        TopK m = new TopK(gens[0].keys.length * 2);
        m.addAll(gens[0]);
        m.addAll(gens[1]);
        return m;
    }
}
