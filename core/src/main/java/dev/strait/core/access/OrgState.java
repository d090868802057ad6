package dev.strait.core.access;

import java.util.Locale;
import java.util.Set;

/** Where an organization stands in verification: {@code pending → verified | rejected}, and suspension. */
public enum OrgState {
    PENDING,
    VERIFIED,
    REJECTED,
    SUSPENDED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrgState of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The states an operator may move an organization to from this one. */
    public Set<OrgState> next() {
        return switch (this) {
            case PENDING -> Set.of(VERIFIED, REJECTED, SUSPENDED);
            case VERIFIED -> Set.of(SUSPENDED);
            case SUSPENDED -> Set.of(VERIFIED);
            case REJECTED -> Set.of(PENDING);
        };
    }
}
