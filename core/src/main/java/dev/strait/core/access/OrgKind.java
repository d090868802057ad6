package dev.strait.core.access;

import java.util.Locale;

/** Only companies are customers; individuals are recorded so that they can be refused. */
public enum OrgKind {
    ENTERPRISE,
    INDIVIDUAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrgKind of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
