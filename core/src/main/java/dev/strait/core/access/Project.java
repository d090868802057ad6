package dev.strait.core.access;

/** A unit of an organization that usage and keys are attributed to. */
public record Project(String id, String orgId, String name) {}
