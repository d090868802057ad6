package dev.strait.provenance.index;

import dev.strait.provenance.signature.Probe;
import dev.strait.provenance.signature.SignatureScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the generations a text was drawn from: looks up every fingerprint of the text, skips
 * boilerplate fingerprints, and keeps the generations with enough word-disjoint hits. One
 * instance per query thread; it reuses its buffers between texts.
 */
final class Matcher {

    /** A generation a text matched. */
    record Candidate(int generation, int hits, double containment) {}

    private final GenerationTable table;
    private final PostingRuns postings;
    private final MatchRules rules;
    private final IntList posted = new IntList();
    private long[] pairs = new long[256];

    Matcher(GenerationTable table, PostingRuns postings, MatchRules rules) {
        this.table = table;
        this.postings = postings;
        this.rules = rules;
    }

    List<Candidate> match(Probe probe) {
        int n = 0;
        int[] orgs = new int[rules.commonOrganizations()];
        for (int i = 0; i < probe.fingerprints().length; i++) {
            posted.clear();
            postings.collect(probe.fingerprints()[i], posted);
            int live = 0;
            int distinctOrgs = 0;
            for (int j = 0; j < posted.size(); j++) {
                int g = posted.get(j);
                if (table.deleted(g)) {
                    continue;
                }
                live++;
                distinctOrgs = noteOrg(orgs, distinctOrgs, table.org(g));
            }
            if (live == 0 || live >= rules.commonGenerations() || distinctOrgs >= rules.commonOrganizations()) {
                continue;
            }
            if (n + live > pairs.length) {
                pairs = Arrays.copyOf(pairs, Math.max(pairs.length * 2, n + live));
            }
            for (int j = 0; j < posted.size(); j++) {
                int g = posted.get(j);
                if (!table.deleted(g)) {
                    pairs[n++] = ((long) g << 32) | probe.positions()[i];
                }
            }
        }
        // Sorted by generation, then by the position in the text where the hit starts.
        Arrays.sort(pairs, 0, n);
        List<Candidate> candidates = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int g = (int) (pairs[i] >>> 32);
            int hits = 0;
            int found = 0;
            long lastEnd = Long.MIN_VALUE;
            for (; i < n && (int) (pairs[i] >>> 32) == g; i++) {
                found++;
                int position = (int) pairs[i];
                if (position >= lastEnd) {
                    hits++;
                    lastEnd = position + (long) SignatureScheme.K;
                }
            }
            if (hits >= rules.minIndependentHits()) {
                candidates.add(new Candidate(g, hits, Math.min(1.0, (double) found / Math.max(1, table.kept(g)))));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::hits).reversed()
                .thenComparing(Comparator.comparingDouble(Candidate::containment).reversed()));
        return candidates;
    }

    /** Counts distinct organizations, stopping at the array's size (all the rule needs to know). */
    private static int noteOrg(int[] seen, int count, int org) {
        for (int k = 0; k < count; k++) {
            if (seen[k] == org) {
                return count;
            }
        }
        if (count < seen.length) {
            seen[count] = org;
            return count + 1;
        }
        return count;
    }
}
