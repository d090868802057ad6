package dev.strait.bench.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.provenance.index.Attribution;
import dev.strait.provenance.index.Completion;
import dev.strait.provenance.index.IndexStats;
import dev.strait.provenance.index.MatchRules;
import dev.strait.provenance.index.OrgAttribution;
import dev.strait.provenance.index.ProvenanceIndex;
import dev.strait.provenance.index.RecordMatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The provenance benchmark (bench/provenance.sh): builds an index of synthetic generations for many
 * organizations, then measures memory per generation, indexing cost, the request path's share
 * (one queue offer), the time to attribute a 1,000-record dataset, top-1 attribution accuracy
 * with 5% of a dataset copied from one organization (passages cut to half length, 10% of words
 * edited) and false attribution of human text. Exits 1 when a target is missed.
 *
 * <p>Arguments: {@code [generations] [trials] [human-text-dir]}.
 */
public final class ProvenanceBench {

    private static final int ORGS = 1_000;
    private static final int RECORDS = 1_000;
    private static final int COPIED = 50;
    private static final long TEN_MILLION = 10_000_000L;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private ProvenanceBench() {}

    static String text(long generation) {
        return new SyntheticProse(0x5EEDL ^ (generation * 0x9E3779B97F4A7C15L)).completion();
    }

    static Completion completion(long generation) {
        int org = (int) (generation % ORGS);
        return new Completion("org-" + org, "key-" + org, "req-" + generation, "gpt-4o", org % 3 == 0 ? "CN" : "US",
                START.plusSeconds(generation), text(generation));
    }

    public static void main(String[] args) throws Exception {
        int generations = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path humanDir = args.length > 2 ? Path.of(args[2]) : null;
        Path dir = Files.createTempDirectory("strait-provenance-bench");
        List<String> failures = new ArrayList<>();

        long heapBefore = usedHeap();
        ProvenanceIndex.Options options = new ProvenanceIndex.Options(1 << 18, 1_024, 64L << 20,
                MatchRules.DEFAULT);
        try (ProvenanceIndex index = ProvenanceIndex.open(dir, options)) {
            // Build: signing, writing and publishing on this thread, batch by batch, timed apart from text generation.
            long indexNanos = 0;
            long built = System.nanoTime();
            long heapAtHalf = 0;
            int half = generations / 2 / 4_096 * 4_096;
            for (int from = 0; from < generations; from += 4_096) {
                if (from == half) {
                    long pause = System.nanoTime();
                    heapAtHalf = usedHeap();
                    built += System.nanoTime() - pause;
                }
                List<Completion> batch = new ArrayList<>(4_096);
                for (int g = from; g < Math.min(generations, from + 4_096); g++) {
                    batch.add(completion(g));
                }
                long t = System.nanoTime();
                index.index(batch);
                indexNanos += System.nanoTime() - t;
            }
            double buildSeconds = (System.nanoTime() - built) / 1e9;
            IndexStats stats = index.stats();
            long heapAfter = usedHeap();
            double heapPerGeneration = (double) (heapAfter - heapBefore) / stats.generations();
            // The marginal cost (second half of the build) leaves out fixed overhead; the larger of the two is extrapolated.
            double marginalPerGeneration = (double) (heapAfter - heapAtHalf) / (generations - half);
            double structuresPerGeneration = (double) stats.memoryBytes() / stats.generations();
            double extrapolatedGb = Math.max(marginalPerGeneration, structuresPerGeneration) * TEN_MILLION / 1e9;
            System.out.printf("index: %,d generations of %,d organizations built in %.1f s; %,d postings (%.1f per generation), %d runs%n",
                    stats.generations(), stats.organizations(), buildSeconds, stats.postings(),
                    (double) stats.postings() / stats.generations(), stats.runs());
            System.out.printf("indexing (sign + write + fsync per batch + publish): %.1f µs per completion%n",
                    indexNanos / 1e3 / generations);
            System.out.printf("memory: heap after GC %,d MB = %.0f bytes per generation (marginal over the second half %.0f, "
                    + "index structures %.0f); 10 million → %.2f GB%n", (heapAfter - heapBefore) >> 20, heapPerGeneration,
                    marginalPerGeneration, structuresPerGeneration, extrapolatedGb);
            System.out.printf("disk: %.0f bytes per generation%n", (double) stats.diskBytes() / stats.generations());
            // Below a million generations the heap's fixed part and the posting runs' growth slack dominate a
            // marginal measure, so the extrapolation overstates; the target is judged on large runs only.
            if (generations < 1_000_000) {
                System.out.println("memory target: not judged below 1,000,000 generations (run with 2000000 for it)");
            } else if (extrapolatedGb > 4.0) {
                failures.add("memory for 10 million generations " + extrapolatedGb + " GB > 4 GB");
            }

            // The request path's share: one offer into the bounded queue, with the writer busy behind it.
            int offers = 100_000;
            List<Completion> pending = new ArrayList<>(offers);
            for (int g = 0; g < offers; g++) {
                pending.add(completion(generations + g));
            }
            long t = System.nanoTime();
            for (Completion c : pending) {
                index.offer(c);
            }
            long offerNanos = System.nanoTime() - t;
            index.flush();
            System.out.printf("request path: %.3f µs per offer (%,d offers, %,d dropped)%n",
                    offerNanos / 1e3 / offers, offers, index.stats().dropped());

            List<String> human = humanText(humanDir);
            System.out.printf("human text: %,d records of 12+ words from %s%n", human.size(),
                    humanDir == null ? "the synthetic generator (no ../shared)" : humanDir);
            evaluate(index, generations, trials, human, false, failures);
            evaluate(index, generations, Math.max(1, trials / 5), human, true, failures);
            calibrate(dir, generations, human);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
        if (!failures.isEmpty()) {
            System.out.println("TARGETS MISSED: " + failures);
            System.exit(1);
        }
        System.out.println("all targets met");
    }

    /** Trials of a 1,000-record dataset: 5% from one organization, the rest human text. */
    private static void evaluate(ProvenanceIndex index, int generations, int trials, List<String> human, boolean hard,
            List<String> failures) {
        Random random = new Random(hard ? 2 : 1);
        int correct = 0;
        long humanRecords = 0;
        long humanAttributed = 0;
        long copiedMatched = 0;
        long slowest = 0;
        long totalNanos = 0;
        int fewestMatched = Integer.MAX_VALUE;
        int mostForAnother = 0;
        int perOrg = generations / ORGS;
        for (int trial = 0; trial < trials; trial++) {
            int org = random.nextInt(ORGS);
            SyntheticProse copier = new SyntheticProse(random.nextLong());
            List<String> records = new ArrayList<>(RECORDS);
            Set<Integer> copiedIndexes = new HashSet<>();
            for (int i = 0; i < COPIED; i++) {
                long generation = org + (long) ORGS * random.nextInt(perOrg);
                String passage = copier.editTenPercent(copier.halfPassage(text(generation)));
                if (hard) {
                    passage = copier.reorderAndRestyle(passage);
                    passage = i % 2 == 0 ? human.get(random.nextInt(human.size())) + " " + passage : passage;
                }
                records.add(passage);
            }
            for (int i = COPIED; i < RECORDS; i++) {
                records.add(human.get(random.nextInt(human.size())));
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            List<String> shuffled = new ArrayList<>(RECORDS);
            for (int i = 0; i < RECORDS; i++) {
                shuffled.add(records.get(order.get(i)));
                if (order.get(i) < COPIED) {
                    copiedIndexes.add(i);
                }
            }
            long t = System.nanoTime();
            Attribution a = index.attribute(shuffled);
            long nanos = System.nanoTime() - t;
            totalNanos += nanos;
            slowest = Math.max(slowest, nanos);
            if (("org-" + org).equals(a.top())) {
                correct++;
            }
            Set<Integer> humanMatched = new HashSet<>();
            for (OrgAttribution o : a.organizations()) {
                if (o.org().equals("org-" + org)) {
                    fewestMatched = Math.min(fewestMatched, o.matchedRecords());
                } else {
                    mostForAnother = Math.max(mostForAnother, o.matchedRecords());
                }
                for (RecordMatch m : o.evidence()) {
                    if (copiedIndexes.contains(m.record())) {
                        if (o.org().equals("org-" + org)) {
                            copiedMatched++;
                        }
                    } else {
                        humanMatched.add(m.record());
                    }
                }
            }
            humanRecords += RECORDS - COPIED;
            humanAttributed += humanMatched.size();
        }
        double accuracy = (double) correct / trials;
        double falseRate = (double) humanAttributed / humanRecords;
        String name = hard ? "hard variant (also reordered, restyled, half mixed with human text)" : "half-length passages, 10% of words edited";
        System.out.printf("%s: top-1 accuracy %.4f over %d datasets; copied records matched %.4f; "
                + "false attribution %d of %,d human records (%.5f); attribute(1,000 records) mean %.2f s, slowest %.2f s%n",
                name, accuracy, trials, (double) copiedMatched / ((long) trials * COPIED), humanAttributed, humanRecords,
                falseRate, totalNanos / 1e9 / trials, slowest / 1e9);
        System.out.printf("  the copied organization matched at least %d of %d records in every dataset; "
                + "no other organization more than %d%n", fewestMatched == Integer.MAX_VALUE ? 0 : fewestMatched, COPIED,
                mostForAnother);
        if (!hard && accuracy < 0.99) {
            failures.add("top-1 accuracy " + accuracy + " < 0.99");
        }
        if (falseRate > 0.001) {
            failures.add(name + ": false attribution " + falseRate + " > 0.001");
        }
        if (slowest > 10_000_000_000L) {
            failures.add("attributing 1,000 records took " + slowest / 1e9 + " s > 10 s");
        }
    }

    /**
     * The threshold's margin: how many word-disjoint fingerprint hits the best generation gets, for
     * human records and for copied passages, read through a second, read-only view with no threshold.
     */
    private static void calibrate(Path dir, int generations, List<String> human) throws Exception {
        MatchRules loose = new MatchRules(1, MatchRules.DEFAULT.commonOrganizations(), MatchRules.DEFAULT.commonGenerations(),
                MatchRules.DEFAULT.falseMatchRate(), 1);
        long opening = System.nanoTime();
        try (ProvenanceIndex view = ProvenanceIndex.openReadOnly(dir, loose)) {
            System.out.printf("opening the index from disk (read-only, as the CLI does): %.1f s for %,d generations%n",
                    (System.nanoTime() - opening) / 1e9, view.stats().generations());
            int[] humanHits = new int[6];
            int[] copiedHits = new int[6];
            Random random = new Random(3);
            SyntheticProse copier = new SyntheticProse(4);
            for (int i = 0; i < 20_000; i++) {
                humanHits[best(view, human.get(random.nextInt(human.size())))]++;
            }
            for (int i = 0; i < 2_000; i++) {
                long generation = random.nextInt(generations);
                copiedHits[best(view, copier.editTenPercent(copier.halfPassage(text(generation))))]++;
            }
            System.out.println("calibration, best generation's word-disjoint hits 0/1/2/3/4/5+ (threshold "
                    + MatchRules.DEFAULT.minIndependentHits() + "):");
            System.out.println("  human records (20,000):    " + java.util.Arrays.toString(humanHits));
            System.out.println("  copied passages (2,000):   " + java.util.Arrays.toString(copiedHits));
        }
    }

    private static int best(ProvenanceIndex view, String text) {
        List<dev.strait.provenance.index.SearchHit> hits = view.search(text, 1);
        return hits.isEmpty() ? 0 : Math.min(5, hits.get(0).hits());
    }

    /** Records of 12 or more words from the JSONL files of a directory ("text" and "answer"), else synthetic. */
    private static List<String> humanText(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (dir != null && Files.isDirectory(dir)) {
            ObjectMapper json = new ObjectMapper();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                    for (String line : Files.readAllLines(file)) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode node = json.readTree(line);
                        for (String field : new String[] {"text", "answer"}) {
                            String s = node.path(field).asText("");
                            if (s.split("\\s+").length >= 12) {
                                out.add(s);
                            }
                        }
                    }
                }
            }
        }
        if (out.isEmpty()) {
            SyntheticProse people = new SyntheticProse(-1);
            for (int i = 0; i < 20_000; i++) {
                out.add(people.sentence() + " " + people.sentence() + " " + people.sentence());
            }
        }
        return out;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
