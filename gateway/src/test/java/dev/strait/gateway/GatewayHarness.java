package dev.strait.gateway;

import dev.strait.core.deploy.Catalog;
import dev.strait.core.deploy.Deployment;
import dev.strait.core.deploy.Provider;
import dev.strait.core.deploy.ProviderKind;
import dev.strait.core.deploy.Secret;
import dev.strait.emulator.Emulator;
import dev.strait.emulator.Faults;
import dev.strait.gateway.observe.JsonLog;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Function;
import dev.strait.gateway.limit.LimitCounters;
import dev.strait.gateway.limit.LocalCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import dev.strait.core.access.AccessSnapshot;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import dev.strait.core.policy.Policy;

/**
 * A real gateway on loopback in front of two real emulators. Registered as a JUnit extension
 * ({@code @RegisterExtension static final GatewayHarness harness = new GatewayHarness();}) it is
 * shared by a test class, reset before each test and closed after the last. The {@code healthy} emulator serves
 * every dialect; the {@code faulty} one is where tests inject faults, behind models that also
 * have a healthy deployment to fail over to.
 */
public final class GatewayHarness implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    public static final Provider OPENAI = new Provider("openai", ProviderKind.OPENAI, null);
    public static final Provider AZURE = new Provider("azure", ProviderKind.AZURE_OPENAI, "2024-10-21");
    public static final Provider ANTHROPIC = new Provider("anthropic", ProviderKind.ANTHROPIC, "2023-06-01");
    public static final Provider DEEPSEEK = new Provider("deepseek", ProviderKind.OPENAI_COMPATIBLE, null);

    public final Vertx vertx = Vertx.vertx();
    public final Emulator healthy = Emulator.start(vertx, "127.0.0.1", 0);
    public final Emulator faulty = Emulator.start(vertx, "127.0.0.1", 0);
    public final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(logs, true, StandardCharsets.UTF_8), Clock.systemUTC(), 10_000);
    public final Gateway gateway;
    /** What the control plane would keep fresh; tests swap them to change who may do what. */
    public final AtomicReference<AccessSnapshot> access = new AtomicReference<>(Tenants.snapshot());
    public final AtomicReference<Policy> policy = new AtomicReference<>(Tenants.permissivePolicy());
    public static final String KEY = Tenants.US_KEY;
    private static final dev.strait.core.usage.Price GPT_4O_PRICE = new dev.strait.core.usage.Price(
            new java.math.BigDecimal("2.50"), new java.math.BigDecimal("1.25"), new java.math.BigDecimal("10.00"), "USD");
    /** Every served request the gateway handed on for monitoring and provenance. */
    public final List<dev.strait.gateway.traffic.ServedRequest> traffic = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Every usage record the gateway wrote, in the order written. */
    public final java.util.List<dev.strait.core.usage.UsageRecord> usage = new java.util.concurrent.CopyOnWriteArrayList<>();
    public static final dev.strait.core.usage.PriceBook PRICES = new dev.strait.core.usage.PriceBook("test-prices",
            Map.of("gpt-4o", Map.of("*", GPT_4O_PRICE), "faulty-gpt", Map.of("*", GPT_4O_PRICE)));

    public static final String ADMIN_TOKEN = "admin-token-for-tests";

    public GatewayHarness() {
        this(GatewaySettings.defaults().withPorts(0, 0).withBreaker(1000, Duration.ofSeconds(10)));
    }

    public GatewayHarness(GatewaySettings settings) {
        this(settings, vertx -> new LocalCounters(), Clock.systemUTC());
    }

    /** @param counters where the gateway's limit counters live, made on the harness's Vert.x */
    public GatewayHarness(GatewaySettings settings, Function<Vertx, LimitCounters> counters, Clock clock) {
        this.settings = settings.withAdminToken(new Secret(ADMIN_TOKEN));
        this.clock = clock;
        gateway = replica(counters.apply(vertx));
    }

    private final GatewaySettings settings;
    private final Clock clock;
    private final List<Gateway> gateways = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Another gateway beside the first, as another replica would be: same tenants, policy and
     * upstreams, its own listeners and limit counters. Closed with the harness.
     */
    public Gateway replica(LimitCounters counters) {
        return replica(counters, ApiServices.memoryOnly());
    }

    /** A replica with stored responses, files and batches of its own (an internal secret, say). */
    public Gateway replica(LimitCounters counters, ApiServices services) {
        Gateway g = new Gateway(vertx, settings, catalog(),
                new ControlPlane(access::get, policy::get, () -> PRICES, () -> usage::add, counters, traffic::add, null,
                        services), log, clock,
                new Random(7)).start();
        gateways.add(g);
        return g;
    }

    public Catalog catalog() {
        List<Deployment> d = new ArrayList<>();
        d.add(deployment("openai-gpt-4o", "gpt-4o", OPENAI, healthy, "/v1", "us-east", "gpt-4o", 1));
        d.add(deployment("azure-gpt-4o-mini", "gpt-4o-mini", AZURE, healthy, "", "singapore", "gpt-4o-mini", 1));
        d.add(deployment("anthropic-claude", "claude-sonnet-4-5", ANTHROPIC, healthy, "/v1", "us-east",
                "claude-sonnet-4-5-20250929", 1));
        d.add(deployment("deepseek-chat", "deepseek-chat", DEEPSEEK, healthy, "/v1", "singapore", "deepseek-chat", 1));
        d.add(deployment("openai-embed", "text-embedding-3-small", OPENAI, healthy, "/v1", "us-east",
                "text-embedding-3-small", 1));
        // Failover pairs: the faulty emulator first, a healthy one behind it, one per dialect.
        d.add(deployment("fo-openai-primary", "failover-gpt", OPENAI, faulty, "/v1", "us-east", "gpt-4o", 1));
        d.add(deployment("fo-openai-secondary", "failover-gpt", OPENAI, healthy, "/v1", "eu-west", "gpt-4o", 2));
        d.add(deployment("fo-anthropic-primary", "failover-claude", ANTHROPIC, faulty, "/v1", "us-east",
                "claude-sonnet-4-5", 1));
        d.add(deployment("fo-anthropic-secondary", "failover-claude", ANTHROPIC, healthy, "/v1", "eu-west",
                "claude-sonnet-4-5", 2));
        // Only the faulty emulator serves these: for what the caller sees when everything fails.
        d.add(deployment("faulty-openai", "faulty-gpt", OPENAI, faulty, "/v1", "us-east", "gpt-4o", 1));
        d.add(deployment("faulty-anthropic", "faulty-claude", ANTHROPIC, faulty, "/v1", "us-east", "claude-sonnet-4-5", 1));
        return new Catalog(d, Map.of("gpt-4o-latest", "gpt-4o"));
    }

    public static Deployment deployment(String name, String model, Provider provider, Emulator emulator, String path,
            String region, String upstreamModel, int priority) {
        return new Deployment(name, model, provider, URI.create(emulator.baseUrl() + path), region,
                new Secret("sk-upstream-" + name), upstreamModel, priority, 1, 1024);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + gateway.adminPort();
    }

    public void resetFaults() {
        healthy.faults(Faults.none());
        faulty.faults(Faults.none());
        healthy.stats().reset();
        faulty.stats().reset();
    }

    public String logText() {
        return logs.toString(StandardCharsets.UTF_8);
    }

    /** The log once it holds {@code expected}: lines are written in batches, a moment after the request. */
    public String awaitLog(String expected) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (!logText().contains(expected) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return logText();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        resetFaults();
        usage.clear();
        traffic.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private boolean closed;

    /** Idempotent: a test may close it early, to read what it logged. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        gateways.forEach(g -> {
            g.close();
            g.limits().close();
        });
        healthy.close();
        faulty.close();
        log.close();
        vertx.close().await();
    }
}
