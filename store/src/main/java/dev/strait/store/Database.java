package dev.strait.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL that holds Strait's truth: embedded, with its data in a directory that survives
 * restarts (the single-node default), or external by URL (production). Either way the schema is
 * migrated by Flyway before anything reads it.
 */
public final class Database implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final String url;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool, String url) {
        this.embedded = embedded;
        this.pool = pool;
        this.url = url;
    }

    /** Where this database is, so that another replica can share it. */
    public String jdbcUrl() {
        return url;
    }

    /** Starts (or restarts) a PostgreSQL whose files live under {@code directory}. */
    public static Database embedded(Path directory) {
        return embedded(directory, 0);
    }

    /** @param port a fixed port, so that a restarted database is found where it was; 0 for any */
    public static Database embedded(Path directory, int port) {
        try {
            Files.createDirectories(directory);
            stopOrphanedServer(directory.resolve("pgdata"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.resolve("pgdata"))
                    .setOverrideWorkingDirectory(directory.resolve("pgbin").toFile())
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "50")
                    // The embedded default turns this off; the ledger's truth needs it on.
                    .setServerConfig("synchronous_commit", "on")
                    .setPort(port)
                    .start();
            String url = postgres.getJdbcUrl("postgres", "postgres");
            return migrated(postgres, url, "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + directory, e);
        }
    }

    /**
     * A node killed with SIGKILL leaves its PostgreSQL running, holding the data directory. If the
     * server named in {@code postmaster.pid} has lost its parent (it now belongs to init), it is
     * ours and unattended: stop it, so this node can start its own. A server whose parent lives
     * belongs to another node, and is left alone (the start then fails, saying so).
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        } catch (RuntimeException e) {
            return;
        }
        ProcessHandle server = ProcessHandle.of(pid).orElse(null);
        if (server == null || !server.isAlive()) {
            return;
        }
        boolean orphaned = server.parent().map(p -> p.pid() == 1 || !p.isAlive()).orElse(true);
        if (!orphaned) {
            return;
        }
        server.destroy();
        try {
            server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            server.destroyForcibly();
        }
    }

    public static Database external(String url, String user, String password) {
        return migrated(null, url, user, password);
    }

    private static Database migrated(EmbeddedPostgres embedded, String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("strait");
        HikariDataSource pool = new HikariDataSource(config);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        return new Database(embedded, pool, url);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
