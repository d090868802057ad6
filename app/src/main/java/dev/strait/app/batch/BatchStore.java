package dev.strait.app.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Batches and their finished lines in PostgreSQL. A line is recorded once ({@code batch_id,
 * custom_id} is its key): recording it again, after a restart re-sent it, changes nothing.
 */
public final class BatchStore {

    /** One finished line: its place in the input, whether it succeeded, and its output-file line. */
    public record Line(String customId, int lineNo, boolean ok, String result) {}

    private static final String COLUMNS = "id, org_id, key_id, endpoint, input_file_id, completion_window, status,"
            + " created_at, in_progress_at, finalizing_at, completed_at, failed_at, cancelling_at, cancelled_at,"
            + " expires_at, output_file_id, error_file_id, total, errors, metadata";

    private final DataSource dataSource;

    public BatchStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims a batch for this node for as long as the returned connection stays open (a PostgreSQL
     * session lock: a node that dies releases it with its connection); null when another replica
     * runs it.
     */
    public Connection claim(String batchId) throws SQLException {
        Connection c = dataSource.getConnection();
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(hashtext('api_batch'), hashtext(?))")) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    return c;
                }
            }
        }
        c.close();
        return null;
    }

    /** Ends a claim: unlocks before the connection goes back to the pool. */
    public void release(Connection claim, String batchId) {
        try (claim; PreparedStatement s = claim.prepareStatement(
                "select pg_advisory_unlock(hashtext('api_batch'), hashtext(?))")) {
            s.setString(1, batchId);
            s.executeQuery().close();
        } catch (SQLException e) {
            // The connection is closed or broken: its session, and so its lock, ends with it.
        }
    }

    public void insert(Batch b) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into api_batch (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            s.setString(1, b.id());
            s.setString(2, b.orgId());
            s.setString(3, b.keyId());
            s.setString(4, b.endpoint());
            s.setString(5, b.inputFileId());
            s.setString(6, b.completionWindow());
            s.setString(7, b.status());
            s.setLong(8, b.createdAt());
            setLong(s, 9, b.inProgressAt());
            setLong(s, 10, b.finalizingAt());
            setLong(s, 11, b.completedAt());
            setLong(s, 12, b.failedAt());
            setLong(s, 13, b.cancellingAt());
            setLong(s, 14, b.cancelledAt());
            s.setLong(15, b.expiresAt());
            s.setString(16, b.outputFileId());
            s.setString(17, b.errorFileId());
            s.setInt(18, b.total());
            s.setString(19, b.errors());
            s.setString(20, b.metadata());
            s.executeUpdate();
        }
    }

    /** Moves a batch on; {@code timeColumn} is the {@code *_at} column the new status stamps. */
    public void status(String id, String status, String timeColumn, long at) throws SQLException {
        update("update api_batch set status = ?, " + timeColumn + " = ? where id = ?", status, at, id);
    }

    public void started(String id, int total, long at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update api_batch set status = 'in_progress', total = ?, in_progress_at = coalesce(in_progress_at, ?)"
                        + " where id = ? and status = 'validating'")) {
            s.setInt(1, total);
            s.setLong(2, at);
            s.setString(3, id);
            s.executeUpdate();
        }
    }

    /** Marks a batch for cancelling unless it already finished; true when it was open. */
    public boolean cancel(String id, long at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update api_batch set status = 'cancelling', cancelling_at = ? where id = ?"
                        + " and status in ('validating', 'in_progress')")) {
            s.setLong(1, at);
            s.setString(2, id);
            return s.executeUpdate() == 1;
        }
    }

    public void finished(String id, String status, String timeColumn, long at, String outputFileId,
            String errorFileId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update api_batch set status = ?, " + timeColumn + " = ?, output_file_id = ?, error_file_id = ?"
                        + " where id = ?")) {
            s.setString(1, status);
            s.setLong(2, at);
            s.setString(3, outputFileId);
            s.setString(4, errorFileId);
            s.setString(5, id);
            s.executeUpdate();
        }
    }

    public Batch find(String orgId, String id) throws SQLException {
        List<Batch> found = query("select " + COLUMNS + " from api_batch where id = ? and org_id = ?", id, orgId);
        return found.isEmpty() ? null : found.getFirst();
    }

    public Batch find(String id) throws SQLException {
        List<Batch> found = query("select " + COLUMNS + " from api_batch where id = ?", id);
        return found.isEmpty() ? null : found.getFirst();
    }

    /** Newest first; {@code after} is the id of the last batch of the previous page, or null. */
    public List<Batch> list(String orgId, String after, int limit) throws SQLException {
        if (after == null) {
            return query("select " + COLUMNS + " from api_batch where org_id = ? order by created_at desc, id desc"
                    + " limit " + limit, orgId);
        }
        return query("select " + COLUMNS + " from api_batch b where org_id = ? and (created_at, id) <"
                + " (select created_at, id from api_batch where id = ?) order by created_at desc, id desc limit "
                + limit, orgId, after);
    }

    public List<Batch> open() throws SQLException {
        return query("select " + COLUMNS + " from api_batch where status in"
                + " ('validating', 'in_progress', 'finalizing', 'cancelling') order by created_at");
    }

    /** Records a finished line; a second recording of the same line is ignored. */
    public void record(String batchId, Line line) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into api_batch_line (batch_id, custom_id, line_no, ok, result) values (?,?,?,?,?)"
                        + " on conflict (batch_id, custom_id) do nothing")) {
            s.setString(1, batchId);
            s.setString(2, line.customId());
            s.setInt(3, line.lineNo());
            s.setBoolean(4, line.ok());
            s.setString(5, line.result());
            s.executeUpdate();
        }
    }

    public Set<String> doneCustomIds(String batchId) throws SQLException {
        Set<String> done = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select custom_id from api_batch_line where batch_id = ?")) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getString(1));
                }
            }
        }
        return done;
    }

    /** The finished lines in input order. */
    public List<Line> lines(String batchId) throws SQLException {
        List<Line> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select custom_id, line_no, ok, result from api_batch_line where batch_id = ? order by line_no")) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Line(rs.getString(1), rs.getInt(2), rs.getBoolean(3), rs.getString(4)));
                }
            }
        }
        return lines;
    }

    /** Completed and failed line counts: {@code [completed, failed]}. */
    public int[] counts(String batchId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) filter (where ok), count(*) filter (where not ok) from api_batch_line"
                        + " where batch_id = ?")) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2)};
            }
        }
    }

    private void update(String sql, String status, long at, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, status);
            s.setLong(2, at);
            s.setString(3, id);
            s.executeUpdate();
        }
    }

    private List<Batch> query(String sql, String... params) throws SQLException {
        List<Batch> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Batch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), longOrNull(rs, 9),
                            longOrNull(rs, 10), longOrNull(rs, 11), longOrNull(rs, 12), longOrNull(rs, 13),
                            longOrNull(rs, 14), rs.getLong(15), rs.getString(16), rs.getString(17), rs.getInt(18),
                            rs.getString(19), rs.getString(20)));
                }
            }
        }
        return out;
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
