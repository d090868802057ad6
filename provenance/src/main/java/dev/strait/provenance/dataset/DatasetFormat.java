package dev.strait.provenance.dataset;

import java.nio.file.Path;
import java.util.Locale;

/** The formats a suspect dataset can come in. */
public enum DatasetFormat {
    /** One JSON value per line. */
    JSONL,
    /** RFC 4180 comma-separated values with a header row. */
    CSV,
    /** Plain text: one record per paragraph (blank-line separated). */
    TEXT;

    /** By file name: {@code .jsonl}/{@code .ndjson}/{@code .json} → JSONL, {@code .csv} → CSV, anything else → TEXT. */
    public static DatasetFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        return name.endsWith(".csv") ? CSV : TEXT;
    }
}
