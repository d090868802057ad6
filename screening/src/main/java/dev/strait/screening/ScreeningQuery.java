package dev.strait.screening;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * Who to screen, with whatever else is known about them.
 *
 * @param country ISO 3166 alpha-2 (or an English country name), or null
 * @param address a postal address, or null
 * @param identifiers registration, tax or passport numbers (any punctuation), possibly empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScreeningQuery(String name, String country, String address, List<String> identifiers) {

    public ScreeningQuery {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    public static ScreeningQuery of(String name) {
        return new ScreeningQuery(name, null, null, List.of());
    }

    public static ScreeningQuery of(String name, String country) {
        return new ScreeningQuery(name, country, null, List.of());
    }
}
