package dev.strait.monitor.features;

import dev.strait.monitor.trace.TraceEvent;

/**
 * Turns a {@link TraceEvent} into {@link RequestFeatures}: the only place that reads prompt text.
 * Stateless apart from scratch buffers, so one instance per thread (a replay runs it on the parsing
 * thread, the engine on its own).
 */
public final class FeatureExtractor {

    static final int MAX_TOPICS = 12;
    /** Words of a template's fixed opening and closing. */
    static final int EDGE_WORDS = 6;
    private static final int SCAN_LIMIT = 4000;
    private static final int SIM_PAIRS = 40;

    private final Words words = new Words();
    private final Words systemWords = new Words();
    private final long[] simLanes = new long[8];

    public RequestFeatures extract(TraceEvent e) {
        TraceEvent.Request rq = e.request();
        String prompt = rq.firstPrompt();
        Words w = words.scan(prompt, SCAN_LIMIT);
        long head = edge(w, 0, Math.min(EDGE_WORDS, w.size));
        long tail = edge(w, Math.max(0, w.size - EDGE_WORDS), w.size);
        long sim = simHash(w);
        long[] topics = topics(w);
        int promptWords = w.size;

        // cues may sit in the system prompt or in a follow-up turn as well
        int reasoningHit = Lexicon.REASONING.groupsHit(w.hashes, w.size);
        int gradingHit = Lexicon.GRADING.groupsHit(w.hashes, w.size);
        long systemHash = 0;
        if (!rq.system().isEmpty()) {
            Words s = systemWords.scan(rq.system(), SCAN_LIMIT);
            systemHash = edge(s, 0, s.size) | 1;
            reasoningHit |= Lexicon.REASONING.groupsHit(s.hashes, s.size);
            gradingHit |= Lexicon.GRADING.groupsHit(s.hashes, s.size);
        }
        if (rq.turns() > 1 && rq.prompt() != rq.firstPrompt() && !rq.prompt().equals(rq.firstPrompt())) {
            Words s = systemWords.scan(rq.prompt(), SCAN_LIMIT);
            reasoningHit |= Lexicon.REASONING.groupsHit(s.hashes, s.size);
        }
        int rGroups = Integer.bitCount(reasoningHit);
        // stepwise structure (group 0) or an explicit ask to expose it (group 2) must be among the hits
        boolean reasoning = rGroups >= 2 && (reasoningHit & 0b101) != 0;
        // three groups, among them criteria, a comparison or a justification (group 3, 4 or 5), and a judgement
        // or the thing judged (group 0 or 1): "rate" + "reply" + "1 to 3 days" in a help-center passage is not one
        boolean grading = Integer.bitCount(gradingHit) >= 3 && (gradingHit & 0b111000) != 0 && (gradingHit & 0b11) != 0;

        TraceEvent.Response rs = e.response();
        return new RequestFeatures(e.tsMillis(), e.org(), Hashing.string(e.key()), e.market(),
                Networks.net(e.clientIp(), 24), Networks.net(e.clientIp(), 28), Hashing.string(e.userAgent()),
                rq.model(), !e.endpoint().contains("embedding"), systemHash, head, tail, sim, rGroups, reasoning,
                grading, topics, promptWords, rq.turns(), rq.n(), rq.temperature(), rq.maxTokens(), rq.logprobs(),
                rq.seed(), rq.tools(), rs.ok(), rs.promptTokens(), rs.completionTokens());
    }

    private static long edge(Words w, int from, int to) {
        long h = Hashing.SEED + (to - from);
        for (int i = from; i < to; i++) {
            h = Hashing.pair(h, w.hashes[i]);
        }
        return h;
    }

    /**
     * SimHash over adjacent word pairs. The 64 bit counts are kept as eight longs of eight byte-wide
     * counters (bit {@code 8j + k} counts in byte {@code j} of {@code lanes[k]}): eight additions a
     * pair instead of one per set bit. At most {@value #SIM_PAIRS} pairs, so no byte overflows.
     */
    private long simHash(Words w) {
        if (w.size == 0) {
            return 0;
        }
        long[] lanes = simLanes;
        java.util.Arrays.fill(lanes, 0);
        // a template shows in its first words; the rest (passages, problems) only costs time
        int pairs = Math.max(1, Math.min(SIM_PAIRS, w.size - 1));
        for (int i = 0; i < pairs; i++) {
            long h = i + 1 < w.size ? Hashing.pair(w.hashes[i], w.hashes[i + 1]) : w.hashes[i];
            for (int k = 0; k < 8; k++) {
                lanes[k] += (h >>> k) & 0x0101010101010101L;
            }
        }
        long sim = 0;
        for (int k = 0; k < 8; k++) {
            for (int j = 0; j < 8; j++) {
                if (((lanes[k] >>> (8 * j)) & 0xFF) * 2 > pairs) {
                    sim |= 1L << (8 * j + k);
                }
            }
        }
        return sim;
    }

    /** Longer words stand for topics well enough; their hashes, deduplicated, at most {@value #MAX_TOPICS}. */
    private static long[] topics(Words w) {
        long[] out = new long[MAX_TOPICS];
        int k = 0;
        for (int i = 0; i < w.size && k < MAX_TOPICS; i++) {
            if (w.lengths[i] < 6) {
                continue;
            }
            long h = w.hashes[i];
            boolean seen = false;
            for (int j = 0; j < k; j++) {
                if (out[j] == h) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                out[k++] = h;
            }
        }
        return k == MAX_TOPICS ? out : java.util.Arrays.copyOf(out, k);
    }
}
