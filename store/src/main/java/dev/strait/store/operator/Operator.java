package dev.strait.store.operator;

import java.time.Instant;

/** A person who uses the console, and the role that decides what the admin API lets them do. */
public record Operator(String name, String role, Instant createdAt, Instant updatedAt) {

    /** The roles, from the most to the least powerful. */
    public static final java.util.List<String> ROLES = java.util.List.of("admin", "compliance", "finance");
}
