package dev.strait.emulator;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** One Vert.x and one emulator per test class; faults and counters start clean for every test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmulatorHarness {

    protected Vertx vertx;
    protected Emulator emulator;
    protected TestClient client;

    @BeforeAll
    void startEmulator() {
        vertx = Vertx.vertx();
        emulator = Emulator.start(vertx, "127.0.0.1", 0);
        client = new TestClient(emulator);
    }

    @BeforeEach
    void cleanSlate() {
        emulator.faults(Faults.none());
        emulator.stats().reset();
    }

    @AfterAll
    void stopEmulator() {
        emulator.close();
        vertx.close().await();
    }
}
