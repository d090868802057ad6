package dev.strait.core.access;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Every organization, project and key, as of one moment, indexed for the hot path. Immutable:
 * a change builds a new snapshot and the gateway swaps one reference.
 */
public final class AccessSnapshot {

    /** Who a request is from, once its key checked out. */
    public record Principal(ApiKey key, Organization org) {}

    /** The outcome of looking a presented key up. */
    public sealed interface Lookup {
        record Found(Principal principal) implements Lookup {}

        /** @param code {@code invalid_api_key}, {@code api_key_revoked} or {@code api_key_expired} */
        record Refused(String code, String message) implements Lookup {}
    }

    private static final Lookup INVALID = new Lookup.Refused("invalid_api_key", "Incorrect API key provided.");

    private final long version;
    private final Map<String, Organization> orgs;
    private final Map<String, Project> projects;
    private final Map<String, ApiKey> keysByPrefix;
    private final Map<String, OrgLimits> limits;

    public AccessSnapshot(long version, Collection<Organization> orgs, Collection<Project> projects,
            Collection<ApiKey> keys) {
        this(version, orgs, projects, keys, java.util.List.of());
    }

    public AccessSnapshot(long version, Collection<Organization> orgs, Collection<Project> projects,
            Collection<ApiKey> keys, Collection<OrgLimits> limits) {
        this.version = version;
        Map<String, OrgLimits> l = new HashMap<>();
        limits.forEach(limit -> l.put(limit.orgId(), limit));
        this.limits = Map.copyOf(l);
        Map<String, Organization> o = new HashMap<>();
        orgs.forEach(org -> o.put(org.id(), org));
        Map<String, Project> p = new HashMap<>();
        projects.forEach(project -> p.put(project.id(), project));
        Map<String, ApiKey> k = new HashMap<>();
        keys.forEach(key -> k.put(key.prefix(), key));
        this.orgs = Map.copyOf(o);
        this.projects = Map.copyOf(p);
        this.keysByPrefix = Map.copyOf(k);
    }

    public long version() {
        return version;
    }

    public Lookup lookup(String presentedKey, Instant now) {
        KeySecrets.Presented presented = KeySecrets.parse(presentedKey);
        if (presented == null) {
            return INVALID;
        }
        ApiKey key = keysByPrefix.get(presented.prefix());
        if (key == null || !KeySecrets.matches(presented, key.secretSha256())) {
            return INVALID;
        }
        if (key.revokedAt() != null && !key.revokedAt().isAfter(now)) {
            return new Lookup.Refused("api_key_revoked", "This API key has been revoked.");
        }
        if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
            return new Lookup.Refused("api_key_expired", "This API key expired at " + key.expiresAt() + ".");
        }
        Organization org = orgs.get(key.orgId());
        return org == null ? INVALID : new Lookup.Found(new Principal(key, org));
    }

    public Organization org(String id) {
        return orgs.get(id);
    }

    /** The organization's limits, or null when it has none. */
    public OrgLimits limits(String orgId) {
        return limits.get(orgId);
    }

    public Project project(String id) {
        return projects.get(id);
    }

    public Collection<Organization> orgs() {
        return orgs.values();
    }

    public int keyCount() {
        return keysByPrefix.size();
    }
}
