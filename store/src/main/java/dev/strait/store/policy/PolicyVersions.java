package dev.strait.store.policy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The policy versions replicas have put in force, newest last, in PostgreSQL: how a change made on
 * one replica (its file edited and reloaded) reaches all of them, whatever their own files say.
 */
public final class PolicyVersions {

    /** One policy put in force: its text's hash and the text itself. */
    public record Version(long id, String sha256, String body) {}

    private final DataSource dataSource;
    private final Clock clock;

    public PolicyVersions(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The hash of the policy in force, cheap enough to poll. */
    public Optional<String> latestSha256() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select sha256 from policy_versions order by id desc limit 1"); ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    public Optional<Version> latest() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, sha256, body from policy_versions order by id desc limit 1"); ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(new Version(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
        }
    }

    /** Puts a policy in force for every replica, unless it already is the newest. True when it was added. */
    public boolean publish(String sha256, String body, String source, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into policy_versions (sha256, body, source, actor, at) select ?, ?, ?, ?, ?"
                        + " where coalesce((select sha256 from policy_versions order by id desc limit 1), '') <> ?")) {
            s.setString(1, sha256);
            s.setString(2, body);
            s.setString(3, source);
            s.setString(4, actor);
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            s.setString(6, sha256);
            return s.executeUpdate() == 1;
        }
    }
}
