package dev.strait.emulator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * An upstream model provider on a local port: OpenAI, Azure OpenAI and Anthropic wire formats,
 * deterministic answers, real token counts, and faults on demand. Gateways are tested against it
 * instead of against mocks, and benchmarked against it instead of against a paid API.
 *
 * <p>Start and close block, so call them from a test or main thread, never from an event loop.
 */
public final class Emulator implements AutoCloseable {

    private final HttpServer server;
    private final String host;
    private final EmulatorStats stats;
    private final AtomicReference<Faults> faults;

    private final String scheme;

    private Emulator(HttpServer server, String host, EmulatorStats stats, AtomicReference<Faults> faults,
            String scheme) {
        this.scheme = scheme;
        this.server = server;
        this.host = host;
        this.stats = stats;
        this.faults = faults;
    }

    /** Listens on {@code host:port} (port 0 picks a free one) and returns once the socket is bound. */
    public static Emulator start(Vertx vertx, String host, int port) {
        return start(vertx, host, port, Clock.systemUTC(), new SplittableRandom());
    }

    /** As {@link #start(Vertx, String, int)}, with the clock ("created" fields) and id randomness fixed by the caller. */
    public static Emulator start(Vertx vertx, String host, int port, Clock clock, RandomGenerator random) {
        return start(vertx, new HttpServerOptions().setHost(host).setPort(port), clock, random);
    }

    /**
     * An emulator that speaks HTTPS with the given PEM certificate chain and key, as a real provider does:
     * for testing that a gateway verifies whom it talks to.
     */
    public static Emulator startTls(Vertx vertx, String host, int port, String certPath, String keyPath) {
        return start(vertx, new HttpServerOptions().setHost(host).setPort(port).setSsl(true)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certPath).setKeyPath(keyPath)),
                Clock.systemUTC(), new SplittableRandom());
    }

    private static Emulator start(Vertx vertx, HttpServerOptions options, Clock clock, RandomGenerator random) {
        EmulatorStats stats = new EmulatorStats();
        AtomicReference<Faults> faults = new AtomicReference<>(Faults.none());
        Services services = new Services(vertx, new Tokens(), new TextGenerator(), new Ids(random), clock, stats);
        HttpServer server = vertx.createHttpServer(options)
                .requestHandler(new Router(services, faults))
                .listen()
                .await();
        return new Emulator(server, options.getHost(), stats, faults, options.isSsl() ? "https" : "http");
    }

    public int port() {
        return server.actualPort();
    }

    /** Where clients reach it; a wildcard bind is reached over loopback. */
    public String baseUrl() {
        boolean loopback = host.equals("0.0.0.0") || host.equals("::") || host.equals("localhost") || host.equals("127.0.0.1");
        String address = loopback ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + address + ":" + port();
    }

    /** Replaces the whole fault plan; requests already past admission keep the plan they started with. */
    public void faults(Faults plan) {
        faults.set(plan == null ? Faults.none() : plan);
    }

    public Faults faults() {
        return faults.get();
    }

    public EmulatorStats stats() {
        return stats;
    }

    @Override
    public void close() {
        server.close().await();
    }
}
