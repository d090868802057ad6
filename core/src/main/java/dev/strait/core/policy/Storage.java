package dev.strait.core.policy;

import java.util.Locale;

/**
 * What may be kept about a market's requests.
 *
 * @param retentionDays how long what is kept may be kept
 */
public record Storage(Level level, int retentionDays) {

    public enum Level {
        /** Nothing beyond what billing needs. */
        NOTHING,
        /** Ids, counts, timings; never content. */
        METADATA,
        /** Prompts and answers too. */
        FULL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
