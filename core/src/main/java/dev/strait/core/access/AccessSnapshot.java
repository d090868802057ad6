package dev.strait.core.access;

import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    private final KeyHasher hasher;
    /** By scope and subject ({@code org:acme}): the rules on all models and on single ones. */
    private final Map<String, List<LimitRule>> limits;

    /** @param hasher checks presented secrets against the stored hashes */
    public AccessSnapshot(long version, Collection<Organization> orgs, Collection<Project> projects,
            Collection<ApiKey> keys, Collection<LimitRule> limits, KeyHasher hasher) {
        this.version = version;
        this.hasher = hasher;
        Map<String, List<LimitRule>> l = new HashMap<>();
        limits.forEach(rule -> l.computeIfAbsent(subject(rule.scope(), rule.subjectId()), s -> new ArrayList<>())
                .add(rule));
        l.replaceAll((subject, rules) -> List.copyOf(rules));
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
        if (key == null || !hasher.matches(presented.secret(), key.secretHash())) {
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

    /**
     * The principal of a key found by its id, not its secret: for work the gateway does on a
     * caller's behalf (batch lines), whose key was checked when the work was accepted. Revoked or
     * expired keys and missing organizations give null.
     */
    public Principal principalOfKey(String keyId, Instant now) {
        for (ApiKey key : keysByPrefix.values()) {
            if (key.id().equals(keyId)) {
                boolean live = (key.revokedAt() == null || key.revokedAt().isAfter(now))
                        && (key.expiresAt() == null || key.expiresAt().isAfter(now));
                Organization org = orgs.get(key.orgId());
                return live && org != null ? new Principal(key, org) : null;
            }
        }
        return null;
    }

    public Organization org(String id) {
        return orgs.get(id);
    }

    /** Every rule that holds a request from {@code principal} for {@code model}; usually none. */
    public List<LimitRule> limitsFor(Principal principal, String model) {
        if (limits.isEmpty()) {
            return List.of();
        }
        List<LimitRule> out = new ArrayList<>(4);
        collect(out, subject(LimitRule.Scope.ORGANIZATION, principal.org().id()), model);
        if (principal.key().projectId() != null) {
            collect(out, subject(LimitRule.Scope.PROJECT, principal.key().projectId()), model);
        }
        collect(out, subject(LimitRule.Scope.KEY, principal.key().id()), model);
        collect(out, subject(LimitRule.Scope.THROTTLE, principal.org().id()), model);
        return out;
    }

    /** The rules set on one organization, project or key. */
    public List<LimitRule> limitsOf(LimitRule.Scope scope, String subjectId) {
        return limits.getOrDefault(subject(scope, subjectId), List.of());
    }

    private void collect(List<LimitRule> out, String subject, String model) {
        for (LimitRule rule : limits.getOrDefault(subject, List.of())) {
            if (rule.model().equals(LimitRule.ALL_MODELS) || rule.model().equals(model)) {
                out.add(rule);
            }
        }
    }

    private static String subject(LimitRule.Scope scope, String id) {
        return scope.label() + ":" + id;
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
