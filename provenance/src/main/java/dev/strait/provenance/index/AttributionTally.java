package dev.strait.provenance.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Accumulates, record by record, which organizations a dataset's records were drawn from. */
final class AttributionTally {

    private final GenerationTable table;
    private final MatchRules rules;
    private final int records;
    private final IntFunction<Generation> reader;
    private final Map<Integer, Org> byOrg = new HashMap<>();
    private int unattributed;

    AttributionTally(GenerationTable table, MatchRules rules, int records, IntFunction<Generation> reader) {
        this.table = table;
        this.rules = rules;
        this.records = records;
        this.reader = reader;
    }

    /** Adds one record's matches (strongest first). */
    void add(int record, List<Matcher.Candidate> candidates) {
        if (candidates.isEmpty()) {
            unattributed++;
            return;
        }
        Map<Integer, Boolean> counted = new HashMap<>();
        for (Matcher.Candidate c : candidates) {
            int org = table.org(c.generation());
            Org tally = byOrg.computeIfAbsent(org, o -> new Org());
            long time = table.time(c.generation());
            tally.first = Math.min(tally.first, time);
            tally.last = Math.max(tally.last, time);
            if (counted.putIfAbsent(org, true) == null) {
                tally.matched++;
                if (tally.evidence.size() < rules.maxEvidence()) {
                    Generation g = reader.apply(c.generation());
                    tally.evidence.add(new RecordMatch(record, g.requestId(), g.keyId(), g.model(), g.time(), c.hits(),
                            c.containment()));
                }
            }
        }
    }

    int unattributed() {
        return unattributed;
    }

    List<OrgAttribution> organizations() {
        List<OrgAttribution> result = new ArrayList<>();
        byOrg.forEach((code, t) -> result.add(new OrgAttribution(table.orgName(code), t.matched,
                records == 0 ? 0 : (double) t.matched / records, Instant.ofEpochMilli(t.first),
                Instant.ofEpochMilli(t.last), rules.confidence(t.matched, records), t.evidence)));
        result.sort(Comparator.comparingInt(OrgAttribution::matchedRecords).reversed()
                .thenComparing(OrgAttribution::org));
        return result;
    }

    private static final class Org {
        int matched;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final List<RecordMatch> evidence = new ArrayList<>();
    }
}
