package dev.strait.screening;

import dev.strait.screening.list.ListSet;
import dev.strait.screening.match.Lexicon;
import dev.strait.screening.match.Normalizer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Screening over a directory of lists that can change while running: {@link #reload()} reads the
 * directory into a new snapshot and swaps one reference, so a screening in flight finishes on the
 * snapshot it started with. A reload that fails leaves the current snapshot in place.
 */
public final class ScreeningService {

    private final Path directory;
    private final ScreeningConfig config;
    private final Clock clock;
    private final Normalizer normalizer = new Normalizer(new Lexicon());
    private final AtomicReference<Screener> current = new AtomicReference<>();

    private ScreeningService(Path directory, ScreeningConfig config, Clock clock) {
        this.directory = directory;
        this.config = config;
        this.clock = clock;
    }

    /** Loads every list in {@code directory}; throws {@link dev.strait.screening.list.ListLoadException} if one is unreadable. */
    public static ScreeningService open(Path directory, ScreeningConfig config, Clock clock) {
        ScreeningService service = new ScreeningService(directory, config, clock);
        service.current.set(service.build());
        return service;
    }

    public ScreeningResult screen(ScreeningQuery query) {
        return current.get().screen(query);
    }

    public ScreeningResult screen(String name, String country) {
        return screen(ScreeningQuery.of(name, country));
    }

    /** The snapshot screenings currently run against. */
    public Screener snapshot() {
        return current.get();
    }

    /** Re-reads the directory; on success the new lists serve from now on. */
    public synchronized ReloadReport reload() {
        Screener next = build();
        Screener previous = current.getAndSet(next);
        return ReloadReport.between(previous.lists(), next.lists());
    }

    private Screener build() {
        return new Screener(ListSet.load(directory, clock), config, normalizer, clock);
    }
}
