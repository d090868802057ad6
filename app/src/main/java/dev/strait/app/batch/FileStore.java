package dev.strait.app.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Uploaded and generated files: content under {@code <data-dir>/files}, metadata in PostgreSQL
 * ({@code api_file}). Content is written (to a temporary name, then moved) before its row exists,
 * so a file that is listed always has its content. Every read names the owning organization.
 */
public final class FileStore {

    /** A file's metadata, as OpenAI's file object shows it. */
    public record FileRecord(String id, String orgId, String purpose, String filename, long bytes, long createdAt,
            Path path) {}

    private final DataSource dataSource;
    private final Path directory;

    public FileStore(DataSource dataSource, Path directory) {
        this.dataSource = dataSource;
        this.directory = directory;
    }

    public FileRecord create(String id, String orgId, String purpose, String filename, byte[] content, long createdAt)
            throws IOException, SQLException {
        Files.createDirectories(directory);
        Path target = directory.resolve(id);
        Path temporary = directory.resolve(id + ".part");
        Files.write(temporary, content);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        FileRecord file = new FileRecord(id, orgId, purpose, filename, content.length, createdAt, target);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into api_file (id, org_id, purpose, filename, bytes, created_at, path) values (?,?,?,?,?,?,?)"
                        + " on conflict (id) do nothing")) {
            s.setString(1, id);
            s.setString(2, orgId);
            s.setString(3, purpose);
            s.setString(4, filename);
            s.setLong(5, content.length);
            s.setLong(6, createdAt);
            s.setString(7, target.getFileName().toString());
            s.executeUpdate();
        }
        return file;
    }

    /** The file if {@code orgId} owns it, else null (another organization's file does not exist for it). */
    public FileRecord find(String orgId, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select purpose, filename, bytes, created_at, path from api_file where id = ? and org_id = ?")) {
            s.setString(1, id);
            s.setString(2, orgId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new FileRecord(id, orgId, rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4), directory.resolve(rs.getString(5))) : null;
            }
        }
    }

    public List<FileRecord> list(String orgId, int limit) throws SQLException {
        List<FileRecord> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, purpose, filename, bytes, created_at, path from api_file where org_id = ?"
                        + " order by created_at desc, id desc limit ?")) {
            s.setString(1, orgId);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new FileRecord(rs.getString(1), orgId, rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), directory.resolve(rs.getString(6))));
                }
            }
        }
        return out;
    }

    public byte[] content(FileRecord file) throws IOException {
        return Files.readAllBytes(file.path());
    }
}
