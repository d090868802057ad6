package dev.strait.store.access;

import dev.strait.core.access.AccessSnapshot;
import dev.strait.core.access.ApiKey;
import dev.strait.core.access.KeyHasher;
import dev.strait.core.access.KeySecrets;
import dev.strait.core.access.LimitRule;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgState;
import dev.strait.core.access.Organization;
import dev.strait.core.access.Project;
import dev.strait.store.Sql;
import dev.strait.store.audit.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;

/**
 * Organizations, projects and keys in PostgreSQL. Every change commits together with its audit
 * entry and a bump of the state version that tells every gateway to refresh its snapshot.
 */
public final class AccessStore {

    /** A key as created: the record, and the secret text that is shown this once. */
    public record CreatedKey(ApiKey key, String secret) {}

    private final DataSource dataSource;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomGenerator secureRandom;
    private final KeyHasher hasher;

    /** @param hasher hashes key secrets under the server-side pepper */
    public AccessStore(DataSource dataSource, AuditLog audit, Clock clock, RandomGenerator secureRandom,
            KeyHasher hasher) {
        this.hasher = hasher;
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
        this.secureRandom = secureRandom;
    }

    public Organization createOrganization(String actor, String legalName, String registrationNumber, String market,
            OrgKind kind, List<String> contacts) throws SQLException {
        Organization org = new Organization(id("org"), legalName, registrationNumber, market, kind, OrgState.PENDING,
                contacts, now());
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("insert into organizations (id, legal_name, registration_number,"
                    + " market, kind, state, contacts, created_at, updated_at) values (?,?,?,?,?,?,?,?,?)")) {
                s.setString(1, org.id());
                s.setString(2, legalName);
                s.setString(3, registrationNumber);
                s.setString(4, market);
                s.setString(5, kind.id());
                s.setString(6, org.state().id());
                s.setString(7, String.join("\n", contacts));
                s.setTimestamp(8, Timestamp.from(org.createdAt()));
                s.setTimestamp(9, Timestamp.from(org.createdAt()));
                s.executeUpdate();
            }
            audit.append(c, actor, "org.create", org.id(), "legal_name=" + legalName + "; market=" + market
                    + "; kind=" + kind.id());
            return org;
        });
    }

    /** Moves an organization to a new state, if its current one allows it. */
    public Organization changeState(String actor, String orgId, OrgState next, String reason) throws SQLException {
        return inTransaction(c -> {
            Organization org = findOrganization(c, orgId, true)
                    .orElseThrow(() -> new NotFound("organization " + orgId + " does not exist"));
            if (!org.state().next().contains(next)) {
                throw new Conflict("an organization cannot go from " + org.state().id() + " to " + next.id());
            }
            try (PreparedStatement s = c.prepareStatement("update organizations set state = ?, updated_at = ? where id = ?")) {
                s.setString(1, next.id());
                s.setTimestamp(2, Timestamp.from(now()));
                s.setString(3, orgId);
                s.executeUpdate();
            }
            audit.append(c, actor, "org.state", orgId, org.state().id() + " -> " + next.id() + "; reason=" + reason);
            return org.withState(next);
        });
    }

    public Project createProject(String actor, String orgId, String name) throws SQLException {
        return inTransaction(c -> {
            requireOrganization(c, orgId);
            Project project = new Project(id("proj"), orgId, name);
            try (PreparedStatement s = c.prepareStatement(
                    "insert into projects (id, org_id, name, created_at) values (?,?,?,?)")) {
                s.setString(1, project.id());
                s.setString(2, orgId);
                s.setString(3, name);
                s.setTimestamp(4, Timestamp.from(now()));
                s.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new Conflict("organization " + orgId + " already has a project named " + name);
                }
                throw e;
            }
            audit.append(c, actor, "project.create", project.id(), "org=" + orgId + "; name=" + name);
            return project;
        });
    }

    public CreatedKey createKey(String actor, String orgId, String projectId, String name, Set<String> models,
            Instant expiresAt) throws SQLException {
        return inTransaction(c -> {
            requireOrganization(c, orgId);
            if (projectId != null && !projectBelongs(c, projectId, orgId)) {
                throw new NotFound("project " + projectId + " does not belong to organization " + orgId);
            }
            KeySecrets.Generated generated = KeySecrets.generate(secureRandom, hasher);
            ApiKey key = new ApiKey(id("key"), generated.prefix(), generated.secretHash(), orgId, projectId, name,
                    models, expiresAt, null, now());
            try (PreparedStatement s = c.prepareStatement("insert into api_keys (id, prefix, secret_hash, org_id,"
                    + " project_id, name, models, expires_at, created_at) values (?,?,?,?,?,?,?,?,?)")) {
                s.setString(1, key.id());
                s.setString(2, key.prefix());
                s.setString(3, key.secretHash());
                s.setString(4, orgId);
                s.setString(5, projectId);
                s.setString(6, name);
                s.setString(7, String.join(",", new TreeSet<>(models)));
                s.setTimestamp(8, expiresAt == null ? null : Timestamp.from(expiresAt));
                s.setTimestamp(9, Timestamp.from(key.createdAt()));
                s.executeUpdate();
            }
            audit.append(c, actor, "key.create", key.id(), "org=" + orgId + "; project=" + projectId + "; prefix="
                    + key.prefix() + "; models=" + String.join(",", new TreeSet<>(models)) + "; expires=" + expiresAt);
            return new CreatedKey(key, generated.text());
        });
    }

    public ApiKey revokeKey(String actor, String keyId) throws SQLException {
        return inTransaction(c -> {
            Instant now = now();
            try (PreparedStatement s = c.prepareStatement(
                    "update api_keys set revoked_at = coalesce(revoked_at, ?) where id = ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, keyId);
                if (s.executeUpdate() == 0) {
                    throw new NotFound("key " + keyId + " does not exist");
                }
            }
            audit.append(c, actor, "key.revoke", keyId, "");
            return keys(c, "where id = ?", keyId).getFirst();
        });
    }

    /** Sets (replaces) the limits of one organization, project or key on one model or on all. */
    public LimitRule setLimits(String actor, LimitRule rule) throws SQLException {
        return inTransaction(c -> {
            requireSubject(c, rule.scope(), rule.subjectId());
            try (PreparedStatement s = c.prepareStatement("insert into limit_rules (scope, subject_id, model,"
                    + " requests_per_minute, tokens_per_minute, monthly_budget, currency, updated_at)"
                    + " values (?,?,?,?,?,?,?,?)"
                    + " on conflict (scope, subject_id, model) do update set"
                    + " requests_per_minute = excluded.requests_per_minute,"
                    + " tokens_per_minute = excluded.tokens_per_minute, monthly_budget = excluded.monthly_budget,"
                    + " currency = excluded.currency, updated_at = excluded.updated_at")) {
                s.setString(1, rule.scope().label());
                s.setString(2, rule.subjectId());
                s.setString(3, rule.model());
                s.setObject(4, rule.requestsPerMinute(), java.sql.Types.INTEGER);
                s.setObject(5, rule.tokensPerMinute(), java.sql.Types.BIGINT);
                s.setBigDecimal(6, rule.monthlyBudget());
                s.setString(7, rule.currency());
                s.setTimestamp(8, Timestamp.from(now()));
                s.executeUpdate();
            }
            audit.append(c, actor, rule.scope().label() + ".limits", rule.subjectId(), "model=" + rule.model()
                    + "; rpm=" + rule.requestsPerMinute() + "; tpm=" + rule.tokensPerMinute() + "; monthly_budget="
                    + rule.monthlyBudget() + " " + rule.currency());
            return rule;
        });
    }

    public List<Organization> organizations() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return organizations(c, "", null);
        }
    }

    public Optional<Organization> organization(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return findOrganization(c, id, false);
        }
    }

    public List<ApiKey> keysOf(String orgId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return keys(c, "where org_id = ? order by created_at", orgId);
        }
    }

    public List<Project> projectsOf(String orgId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return projects(c, "where org_id = ? order by name", orgId);
        }
    }

    public long version() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select version from state_version where id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Everything at one consistent moment: a repeatable-read transaction. */
    public AccessSnapshot snapshot() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long version;
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select version from state_version where id = 1")) {
                    rs.next();
                    version = rs.getLong(1);
                }
                return new AccessSnapshot(version, organizations(c, "", null), projects(c, "", null), keys(c, "", null),
                        limits(c), hasher);
            } finally {
                c.rollback();
            }
        }
    }

    // -- plumbing --

    /** A change, its audit entry and the state version's bump, committed together. */
    private <T> T inTransaction(Sql.Work<T> work) throws SQLException {
        return Sql.inTransaction(dataSource, c -> {
            T result = work.run(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("update state_version set version = version + 1 where id = 1");
            }
            return result;
        });
    }

    private void requireSubject(Connection c, LimitRule.Scope scope, String id) throws SQLException {
        String table = switch (scope) {
            case ORGANIZATION, THROTTLE -> "organizations";
            case PROJECT -> "projects";
            case KEY -> "api_keys";
        };
        try (PreparedStatement s = c.prepareStatement("select 1 from " + table + " where id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound(scope.label() + " " + id + " does not exist");
                }
            }
        }
    }

    private void requireOrganization(Connection c, String orgId) throws SQLException {
        if (findOrganization(c, orgId, false).isEmpty()) {
            throw new NotFound("organization " + orgId + " does not exist");
        }
    }

    private static boolean projectBelongs(Connection c, String projectId, String orgId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select 1 from projects where id = ? and org_id = ?")) {
            s.setString(1, projectId);
            s.setString(2, orgId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Optional<Organization> findOrganization(Connection c, String id, boolean forUpdate)
            throws SQLException {
        return organizations(c, "where id = ?" + (forUpdate ? " for update" : ""), id).stream().findFirst();
    }

    private static List<Organization> organizations(Connection c, String where, String arg) throws SQLException {
        List<Organization> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id, legal_name, registration_number, market, kind,"
                + " state, contacts, created_at from organizations " + (where.isEmpty() ? "order by created_at" : where))) {
            if (arg != null) {
                s.setString(1, arg);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String contacts = rs.getString(7);
                    out.add(new Organization(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            OrgKind.of(rs.getString(5)), OrgState.of(rs.getString(6)),
                            contacts.isEmpty() ? List.of() : Arrays.asList(contacts.split("\n")),
                            rs.getTimestamp(8).toInstant()));
                }
            }
        }
        return out;
    }

    private static List<Project> projects(Connection c, String where, String arg) throws SQLException {
        List<Project> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id, org_id, name from projects " + where)) {
            if (arg != null) {
                s.setString(1, arg);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Project(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static List<ApiKey> keys(Connection c, String where, String arg) throws SQLException {
        List<ApiKey> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select id, prefix, secret_hash, org_id, project_id, name,"
                + " models, expires_at, revoked_at, created_at from api_keys " + where)) {
            if (arg != null) {
                s.setString(1, arg);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String models = rs.getString(7);
                    out.add(new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6),
                            models.isEmpty() ? Set.of() : Set.of(models.split(",")),
                            instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), rs.getTimestamp(10).toInstant()));
                }
            }
        }
        return out;
    }

    /** Removes the limits of one subject on one model (or on all: {@code *}); false when there were none. */
    public boolean removeLimits(String actor, LimitRule.Scope scope, String subjectId, String model) throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "delete from limit_rules where scope = ? and subject_id = ? and model = ?")) {
                s.setString(1, scope.label());
                s.setString(2, subjectId);
                s.setString(3, model);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            audit.append(c, actor, scope.label() + ".limits.removed", subjectId, "model=" + model);
            return true;
        });
    }

    /** The rules set on one organization, project or key. */
    public List<LimitRule> limitsOf(LimitRule.Scope scope, String subjectId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            requireSubject(c, scope, subjectId);
            return limits(c).stream().filter(r -> r.scope() == scope && r.subjectId().equals(subjectId)).toList();
        }
    }

    private static List<LimitRule> limits(Connection c) throws SQLException {
        List<LimitRule> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select scope, subject_id, model, requests_per_minute,"
                + " tokens_per_minute, monthly_budget, currency from limit_rules order by scope, subject_id, model");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new LimitRule(LimitRule.Scope.of(rs.getString(1)), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), (Long) rs.getObject(5), rs.getBigDecimal(6), rs.getString(7)));
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private String id(String kind) {
        return kind + "_" + Long.toHexString(secureRandom.nextLong() & Long.MAX_VALUE);
    }

    /** The thing named does not exist. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The change contradicts the current state. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }
}
