package dev.strait.store.operator;

import dev.strait.store.Sql;
import dev.strait.store.access.AccessStore;
import dev.strait.store.audit.AuditLog;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Console operators and their sessions in PostgreSQL. Every change to an operator, every login
 * and every failed login is written to the audit chain in the same transaction; a password never
 * is. A session token is random (32 bytes), handed out once, and kept only as its SHA-256; it
 * ends after {@code idle} without use, after {@code lifetime} in any case, on logout, and when its
 * operator's password or role changes.
 */
public final class Operators {

    /** A live session and who it belongs to. */
    public record Session(String token, Operator operator, Instant expiresAt) {}

    private final DataSource dataSource;
    private final AuditLog audit;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration idle;
    private final Duration lifetime;

    public Operators(DataSource dataSource, AuditLog audit, PasswordHasher hasher, Clock clock, SecureRandom random,
            Duration idle, Duration lifetime) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.hasher = hasher;
        this.clock = clock;
        this.random = random;
        this.idle = idle;
        this.lifetime = lifetime;
    }

    public List<Operator> list() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return query(c, "order by name", null);
        }
    }

    public Optional<Operator> find(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return query(c, "where name = ?", name).stream().findFirst();
        }
    }

    public Operator create(String actor, String name, String role, char[] password) throws SQLException {
        checkRole(role);
        String hash = hasher.hash(password);
        return inTransaction(c -> {
            if (!query(c, "where name = ? for update", name).isEmpty()) {
                throw new AccessStore.Conflict("operator " + name + " already exists");
            }
            insert(c, name, role, hash);
            audit.append(c, actor, "operator.created", name, "role=" + role);
            return query(c, "where name = ?", name).getFirst();
        });
    }

    /**
     * The first operator of an empty database, made once however many replicas start at the same
     * time: true only for the one that made it.
     */
    public boolean createFirst(String name, String role, char[] password) throws SQLException {
        String hash = hasher.hash(password);
        return inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("lock table operators in exclusive mode")) {
                lock.execute();
            }
            try (PreparedStatement s = c.prepareStatement("select count(*) from operators");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return false;
                }
            }
            insert(c, name, role, hash);
            audit.append(c, "system", "operator.created", name, "role=" + role + "; first start");
            return true;
        });
    }

    /** Sets a new password and ends the operator's sessions. */
    public Operator changePassword(String actor, String name, char[] password) throws SQLException {
        String hash = hasher.hash(password);
        return inTransaction(c -> {
            existing(c, name);
            update(c, "update operators set password_hash = ?, updated_at = ? where name = ?", hash, name);
            endSessions(c, name);
            audit.append(c, actor, "operator.password_changed", name, "sessions ended");
            return query(c, "where name = ?", name).getFirst();
        });
    }

    /** Gives the operator another role and ends their sessions. */
    public Operator changeRole(String actor, String name, String role) throws SQLException {
        checkRole(role);
        return inTransaction(c -> {
            Operator before = existing(c, name);
            update(c, "update operators set role = ?, updated_at = ? where name = ?", role, name);
            endSessions(c, name);
            audit.append(c, actor, "operator.role_changed", name, "from=" + before.role() + "; to=" + role);
            return query(c, "where name = ?", name).getFirst();
        });
    }

    /**
     * A new session when the password is right; empty, audited as a failed login, when not. An
     * unknown name costs as long as a wrong password, so timing does not tell which names exist.
     */
    public Optional<Session> login(String name, char[] password, String from) throws SQLException {
        String hash = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select password_hash from operators where name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    hash = rs.getString(1);
                }
            }
        }
        boolean right;
        if (hash == null) {
            hasher.burn(password);
            right = false;
        } else {
            right = hasher.matches(password, hash);
        }
        if (!right) {
            audit.append(name, "operator.login_failed", name, "from=" + from);
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        return Optional.of(inTransaction(c -> {
            try (PreparedStatement purge = c.prepareStatement("delete from operator_sessions where expires_at <= ?")) {
                purge.setTimestamp(1, Timestamp.from(now));
                purge.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into operator_sessions (token_sha256, operator,"
                    + " created_at, last_seen, expires_at) values (?,?,?,?,?)")) {
                s.setString(1, sha256(token));
                s.setString(2, name);
                s.setTimestamp(3, Timestamp.from(now));
                s.setTimestamp(4, Timestamp.from(now));
                s.setTimestamp(5, Timestamp.from(now.plus(lifetime)));
                s.executeUpdate();
            }
            audit.append(c, name, "operator.login", name, "from=" + from);
            return new Session(token, query(c, "where name = ?", name).getFirst(), now.plus(lifetime));
        }));
    }

    /** The session a token stands for, if it is live; its idle timer starts again. */
    public Optional<Session> session(String token) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            String name;
            Instant lastSeen;
            Instant expires;
            try (PreparedStatement s = c.prepareStatement("select operator, last_seen, expires_at from operator_sessions"
                    + " where token_sha256 = ?")) {
                s.setString(1, sha256(token));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    name = rs.getString(1);
                    lastSeen = rs.getTimestamp(2).toInstant();
                    expires = rs.getTimestamp(3).toInstant();
                }
            }
            if (!now.isBefore(expires) || !now.isBefore(lastSeen.plus(idle))) {
                return Optional.empty();
            }
            // Written at most once a minute: a busy console should not turn every read into a write.
            if (Duration.between(lastSeen, now).compareTo(Duration.ofMinutes(1)) >= 0) {
                try (PreparedStatement s = c.prepareStatement("update operator_sessions set last_seen = ?"
                        + " where token_sha256 = ?")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setString(2, sha256(token));
                    s.executeUpdate();
                }
            }
            return query(c, "where name = ?", name).stream().findFirst().map(o -> new Session(token, o, expires));
        }
    }

    public void logout(String token) throws SQLException {
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("delete from operator_sessions where token_sha256 = ?"
                    + " returning operator")) {
                s.setString(1, sha256(token));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        audit.append(c, rs.getString(1), "operator.logout", rs.getString(1), "");
                    }
                }
            }
            return null;
        });
    }

    private <T> T inTransaction(Sql.Work<T> work) throws SQLException {
        return Sql.inTransaction(dataSource, work);
    }

    private void insert(Connection c, String name, String role, String hash) throws SQLException {
        if (!name.matches("[a-z][a-z0-9._-]{1,62}")) {
            throw new IllegalArgumentException("an operator name is 2-63 characters: lower-case letters, digits,"
                    + " '.', '_' or '-', starting with a letter");
        }
        try (PreparedStatement s = c.prepareStatement("insert into operators (name, role, password_hash, created_at,"
                + " updated_at) values (?,?,?,?,?)")) {
            Timestamp now = Timestamp.from(clock.instant());
            s.setString(1, name);
            s.setString(2, role);
            s.setString(3, hash);
            s.setTimestamp(4, now);
            s.setTimestamp(5, now);
            s.executeUpdate();
        }
    }

    private void update(Connection c, String sql, String value, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            s.setString(3, name);
            s.executeUpdate();
        }
    }

    private static void endSessions(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("delete from operator_sessions where operator = ?")) {
            s.setString(1, name);
            s.executeUpdate();
        }
    }

    private static Operator existing(Connection c, String name) throws SQLException {
        return query(c, "where name = ? for update", name).stream().findFirst()
                .orElseThrow(() -> new AccessStore.NotFound("operator " + name + " does not exist"));
    }

    private static void checkRole(String role) {
        if (!Operator.ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + String.join(", ", Operator.ROLES));
        }
    }

    private static List<Operator> query(Connection c, String where, String arg) throws SQLException {
        List<Operator> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select name, role, created_at, updated_at from operators " + where)) {
            if (arg != null) {
                s.setString(1, arg);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Operator(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return out;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
