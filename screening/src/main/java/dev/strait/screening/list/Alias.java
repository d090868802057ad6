package dev.strait.screening.list;

/**
 * Another name an entry is listed under.
 *
 * @param name the alias as the list spells it
 * @param kind where it came from: {@code aka}, {@code fka}, {@code nka} (OFAC ALT.CSV), {@code alt}
 *     (CSL alt_names), {@code remark-aka}, {@code affiliated}, {@code acronym}, {@code short-name}
 *     (derived from the listed name itself)
 */
public record Alias(String name, String kind) {}
