package dev.strait.bench.screening;

import dev.strait.screening.Decision;
import dev.strait.screening.Hit;
import dev.strait.screening.ScreeningConfig;
import dev.strait.screening.ScreeningQuery;
import dev.strait.screening.ScreeningResult;
import dev.strait.screening.ScreeningService;
import dev.strait.screening.list.ListEntry;
import dev.strait.screening.list.ScreeningList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Screening quality and speed on the real list samples (run through bench/screening.sh):
 * recall on spelling variants of every listed name, false positives on synthetic clean company names,
 * and the latency of screening one name. Exits 1 when a target is missed.
 */
public final class ScreeningEval {

    private static final double RECALL_TARGET = 0.99;
    private static final double FALSE_POSITIVE_TARGET = 0.01;
    private static final double P99_TARGET_MS = 5.0;

    private ScreeningEval() {}

    public static void main(String[] args) {
        Path lists = Path.of(args.length > 0 ? args[0] : "../shared/data/screening");
        int cleanCount = args.length > 1 ? Integer.parseInt(args[1]) : 12_000;
        if (!Files.isDirectory(lists)) {
            System.out.println("screening: no lists at " + lists + "; skipped");
            return;
        }
        long t0 = System.nanoTime();
        ScreeningService service = ScreeningService.open(lists, ScreeningConfig.defaults(), Clock.systemUTC());
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "lists: %d entries in %d lists, loaded and indexed in %.1f s%n",
                service.snapshot().lists().entryCount(), service.snapshot().lists().lists().size(), loadSeconds);

        Variants variants = new Variants(7, new HanScript());
        Map<String, int[]> byKind = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        List<String> latencyQueries = new ArrayList<>();
        int total = 0;
        int found = 0;
        for (ScreeningList list : service.snapshot().lists().lists()) {
            for (ListEntry entry : list.entries()) {
                for (Variants.Variant v : variants.of(entry)) {
                    ScreeningResult result = service.screen(ScreeningQuery.of(v.text()));
                    boolean hit = result.decision() != Decision.CLEAR && result.hits().stream().anyMatch(h -> sameEntry(h, list, entry));
                    int[] counts = byKind.computeIfAbsent(v.kind(), k -> new int[2]);
                    counts[0]++;
                    total++;
                    if (hit) {
                        counts[1]++;
                        found++;
                    } else if (misses.size() < 40) {
                        misses.add(v.kind() + ": '" + v.text() + "' for " + list.version().name() + " " + entry.id() + " '"
                                + entry.name() + "' → " + result.decision() + (result.hits().isEmpty() ? ""
                                        : " best " + result.hits().get(0).entryName() + " " + result.hits().get(0).score()));
                    }
                    if (total % 7 == 0) {
                        latencyQueries.add(v.text());
                    }
                }
            }
        }
        double recall = (double) found / total;
        System.out.printf(Locale.ROOT, "recall: %.4f (%d of %d variants)%n", recall, found, total);
        byKind.forEach((kind, c) -> System.out.printf(Locale.ROOT, "  %-20s %.4f (%d of %d)%n", kind, (double) c[1] / c[0], c[1], c[0]));
        misses.forEach(m -> System.out.println("  miss " + m));

        List<CleanNames.Clean> clean = CleanNames.generate(cleanCount, 11);
        int flagged = 0;
        int shown = 0;
        for (CleanNames.Clean c : clean) {
            ScreeningResult result = service.screen(ScreeningQuery.of(c.name(), c.country()));
            if (result.decision() != Decision.CLEAR) {
                flagged++;
                if (shown++ < 30) {
                    Hit h = result.hits().get(0);
                    System.out.println("  false positive " + result.decision() + " '" + c.name() + "' → " + h.explanation());
                }
            }
            latencyQueries.add(c.name());
        }
        double fpRate = (double) flagged / clean.size();
        System.out.printf(Locale.ROOT, "false positives: %.4f (%d of %d clean names)%n", fpRate, flagged, clean.size());

        // Latency: one thread, after warm-up, each call timed on its own.
        for (int i = 0; i < 5_000; i++) {
            service.screen(ScreeningQuery.of(latencyQueries.get(i % latencyQueries.size())));
        }
        int n = Math.min(20_000, latencyQueries.size());
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            String q = latencyQueries.get((i * 7919) % latencyQueries.size());
            long s = System.nanoTime();
            service.screen(ScreeningQuery.of(q));
            nanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        double p50 = nanos[n / 2] / 1e6;
        double p99 = nanos[(int) (n * 0.99)] / 1e6;
        double max = nanos[n - 1] / 1e6;
        System.out.printf(Locale.ROOT, "latency: %d names, p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n", n,
                p50, nanos[(int) (n * 0.9)] / 1e6, p99, max);

        boolean ok = true;
        if (recall < RECALL_TARGET) {
            System.out.printf(Locale.ROOT, "FAIL recall %.4f < %.2f%n", recall, RECALL_TARGET);
            ok = false;
        }
        if (fpRate > FALSE_POSITIVE_TARGET) {
            System.out.printf(Locale.ROOT, "FAIL false positives %.4f > %.2f%n", fpRate, FALSE_POSITIVE_TARGET);
            ok = false;
        }
        if (p99 > P99_TARGET_MS) {
            System.out.printf(Locale.ROOT, "FAIL p99 %.3f ms > %.1f ms%n", p99, P99_TARGET_MS);
            ok = false;
        }
        System.out.println(ok ? "screening: all targets met" : "screening: targets missed");
        if (!ok) {
            System.exit(1);
        }
    }

    /** The variant's own entry, or a row of the same list with the same name (lists repeat a party per address). */
    private static boolean sameEntry(Hit hit, ScreeningList list, ListEntry entry) {
        return hit.list().equals(list.version().name())
                && (hit.entryId().equals(entry.id()) || hit.entryName().equalsIgnoreCase(entry.name()));
    }
}
