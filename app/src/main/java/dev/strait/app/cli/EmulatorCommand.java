package dev.strait.app.cli;

import dev.strait.emulator.Emulator;
import dev.strait.emulator.Faults;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the upstream emulator on its own: an emulator of provider APIs, not a model. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run the upstream provider emulator (OpenAI, Azure OpenAI and Anthropic wire formats). "
                + "It generates text; it is not a model.")
public final class EmulatorCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", defaultValue = "8090")
    int port;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Delay before response headers")
    long latencyMs;

    @Option(names = "--tokens-per-second", defaultValue = "0", description = "Pace of streamed tokens (0: unpaced)")
    double tokensPerSecond;

    @Option(names = "--fail-status", defaultValue = "0", description = "Answer every request with this status")
    int failStatus;

    @Override
    public Integer call() throws InterruptedException {
        Vertx vertx = VertxRuntime.vertx();
        Emulator emulator = Emulator.start(vertx, host, port);
        emulator.faults(new Faults(Duration.ofMillis(latencyMs), tokensPerSecond, failStatus, Duration.ofSeconds(1),
                false, -1));
        System.err.println("strait emulator on " + emulator.baseUrl() + " (PUT /_emulator/faults to inject faults)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
