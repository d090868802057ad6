package dev.strait.screening;

import dev.strait.screening.list.ListVersion;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of screening one query: everything an audit entry records.
 *
 * @param decision from the best hit's score and the thresholds below
 * @param hits best first, those scoring at least {@code reviewAt}
 * @param lists the versions (content hash, date) of every list screened against
 */
public record ScreeningResult(ScreeningQuery query, Decision decision, List<Hit> hits, double blockAt, double reviewAt,
        List<ListVersion> lists, Instant screenedAt) {

    public ScreeningResult {
        hits = List.copyOf(hits);
        lists = List.copyOf(lists);
    }

    public double topScore() {
        return hits.isEmpty() ? 0 : hits.get(0).score();
    }
}
