package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strait.store.Database;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL stopped for 30 s under load: no request fails because of it, and no usage record is lost. */
class DatabaseOutageTest {

    @TempDir
    Path dir;

    @Test
    void thirtySecondsWithoutTheDatabaseFailNoRequestAndLoseNoRecord() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path pg = dir.resolve("external-pg");
        Database database = Database.embedded(pg, port);
        try (Node node = new Node(dir.resolve("node"), database.jdbcUrl())) {
            String key = PolicyReloadTest.verifiedKey(node, "US");
            ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                clients.submit(() -> {
                    while (running.get()) {
                        HttpResponse<String> response = node.chat(key, "gpt-4o");
                        if (response.statusCode() == 200) {
                            completed.add(response.headers().firstValue("x-request-id").orElseThrow());
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
            Thread.sleep(1_000);
            database.close();
            Thread.sleep(30_000);
            database = Database.embedded(pg, port);
            Thread.sleep(1_000);
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);

            assertThat(failed.get()).as("requests that failed").isZero();
            assertThat(completed).hasSizeGreaterThan(100);
            LedgerTest.awaitLedger(node, completed.size());
        } finally {
            database.close();
        }
    }
}
