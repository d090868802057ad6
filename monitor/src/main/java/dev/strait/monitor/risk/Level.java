package dev.strait.monitor.risk;

import java.util.Locale;

/** The enforcement ladder, mildest first. */
public enum Level {
    OK, WATCH, REVIEW, THROTTLE, SUSPEND;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Level of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
