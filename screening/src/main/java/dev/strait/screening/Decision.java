package dev.strait.screening;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a screening concludes: a listed party (block), maybe one (review), or none (clear). */
public enum Decision {
    BLOCK, REVIEW, CLEAR;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
