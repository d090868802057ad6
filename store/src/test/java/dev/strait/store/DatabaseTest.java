package dev.strait.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void embeddedDataSurvivesARestart() throws Exception {
        try (Database db = Database.embedded(dir); Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("update state_version set version = 42");
        }
        try (Database db = Database.embedded(dir); Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select version from state_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(42);
        }
    }
}
