package dev.strait.app.console;

/** What an admin route needs of its caller. Roles are sets of these. */
public enum Permission {
    /** Traffic, usage, revenue and reports. */
    READ_USAGE,
    /** Organizations, keys, limits, deployments and the market policy. */
    READ_ORGS,
    /** Monitoring, provenance, screening results and the audit log. */
    READ_TRUST,
    /** Acting on the review queue and resolving screening hits. */
    REVIEW,
    /** Everything that changes customers, keys, limits, policy, lists or operators. */
    MANAGE
}
