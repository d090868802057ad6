package dev.strait.app.responses;

import dev.strait.gateway.responses.ResponseArchive;
import dev.strait.gateway.responses.StoredResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Stored responses in PostgreSQL ({@code stored_response}), keyed by organization and id. */
public final class PgResponseArchive implements ResponseArchive {

    private final DataSource dataSource;

    public PgResponseArchive(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(StoredResponse r) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into stored_response (org_id, id, created_at, response, conversation) values (?,?,?,?,?)"
                        + " on conflict (org_id, id) do nothing")) {
            s.setString(1, r.orgId());
            s.setString(2, r.id());
            s.setLong(3, r.createdAt());
            s.setString(4, r.response());
            s.setString(5, r.conversation());
            s.executeUpdate();
        }
    }

    @Override
    public void delete(String orgId, String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("delete from stored_response where org_id = ? and id = ?")) {
            s.setString(1, orgId);
            s.setString(2, id);
            s.executeUpdate();
        }
    }

    @Override
    public StoredResponse load(String orgId, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select created_at, response, conversation from stored_response where org_id = ? and id = ?")) {
            s.setString(1, orgId);
            s.setString(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new StoredResponse(id, orgId, rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
            }
        }
    }
}
