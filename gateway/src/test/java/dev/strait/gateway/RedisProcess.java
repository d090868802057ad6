package dev.strait.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis server for tests, on a port of its own, without persistence. It runs the machine's
 * {@code redis-server} when there is one, else the Linux x86-64 build that the embedded-redis jar
 * carries, so a fresh clone needs nothing installed. It can be stopped and started again on the same
 * port, for outages.
 */
public final class RedisProcess implements AutoCloseable {

    private static final String BUNDLED = "redis-server-6.2.6-v5-linux-amd64";

    private final Path binary;
    private int port;
    private Process process;

    private RedisProcess(Path binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    /** On a free port; another process may take a port between its choice and Redis's bind, so it tries again. */
    public static RedisProcess start() {
        try {
            RedisProcess redis = new RedisProcess(binary(), 0);
            for (int attempt = 1; ; attempt++) {
                try (ServerSocket s = new ServerSocket(0)) {
                    redis.port = s.getLocalPort();
                }
                if (redis.launch()) {
                    return redis;
                }
                if (attempt == 5) {
                    throw new IllegalStateException("redis-server did not start; see " + redis.logFile());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** After {@link #stop()}, on the same port, as a Redis coming back from an outage. */
    public synchronized void startAgain() {
        for (int attempt = 1; !launch(); attempt++) {
            if (attempt == 5) {
                throw new IllegalStateException("redis-server did not start again; see " + logFile());
            }
            sleep(500);
        }
    }

    /** Whether this process (not some other) now listens on the port. */
    private synchronized boolean launch() {
        try {
            process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                sleep(50);
                if (process.isAlive()) {
                    return true; // it would have exited at once had its bind failed
                }
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        process.destroyForcibly();
        return false;
    }

    private Path logFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "strait-redis-" + port + ".log");
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static Path binary() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path extracted = Path.of(System.getProperty("java.io.tmpdir"), "strait-" + BUNDLED);
        if (!Files.isExecutable(extracted)) {
            try (InputStream in = RedisProcess.class.getResourceAsStream("/" + BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("no redis-server on the PATH and none bundled for this platform");
                }
                Path partial = Files.createTempFile(extracted.getParent(), "strait-redis", ".part");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(partial, extracted, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return extracted;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
