package dev.strait.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strait.core.deploy.Catalog;
import dev.strait.gateway.admin.AdminRoutes;
import dev.strait.gateway.auth.Authenticate;
import dev.strait.gateway.exchange.Stage;
import dev.strait.gateway.front.Front;
import dev.strait.gateway.front.ModelList;
import dev.strait.gateway.limit.Limit;
import dev.strait.gateway.limit.LimitCounters;
import dev.strait.gateway.meter.Meter;
import dev.strait.gateway.meter.TokenEstimator;
import dev.strait.gateway.observe.AccessLog;
import dev.strait.gateway.observe.GatewayMetrics;
import dev.strait.gateway.observe.JsonLog;
import dev.strait.gateway.route.Routing;
import dev.strait.gateway.route.ResolveModel;
import dev.strait.gateway.route.SelectDeployments;
import dev.strait.gateway.policy.Admit;
import dev.strait.gateway.policy.Entitle;
import dev.strait.gateway.upstream.Forward;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The data plane: the client listener on one server per event loop, the admin listener, and the
 * stages between them. The order of stages is written here and nowhere else.
 */
public final class Gateway implements AutoCloseable {

    private final Vertx vertx;
    private final GatewaySettings settings;
    private final Routing routing;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private final JsonLog log;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final RandomGenerator random;
    private int port;
    private int adminPort;
    private String deploymentId;
    private HttpServer adminServer;
    private volatile boolean ready;

    /**
     * Upstream connections per event loop for answers that come in one piece. Short requests reuse a
     * few connections; the cap bounds the pool's connection scan (linear in its size, per request),
     * which a burst that opened thousands of connections would otherwise pay on every later request.
     */
    private static final int UPSTREAM_CONNECTIONS_PER_LOOP = 256;

    /**
     * Upstream connections per event loop for streams. An HTTP/1.1 upstream holds one connection per
     * stream for as long as the model generates (tens of seconds), so sharing the 256 above held a 2-core
     * node to 512 concurrent streams and failed the rest with 502 after the connect timeout
     * (bench/compare.sh, 1,000 held streams: 517 open, 38 failed). Opened on demand: a guard, not a size;
     * the open-file limit binds first.
     */
    private static final int UPSTREAM_STREAMS_PER_LOOP = 16_384;


    private final ControlPlane control;
    private final TokenEstimator estimator = new TokenEstimator();
    private final dev.strait.gateway.observe.ExchangeObserver observer;

    /** @param control the snapshots the data plane reads, kept fresh by the control plane */
    public Gateway(Vertx vertx, GatewaySettings settings, Catalog catalog, ControlPlane control, JsonLog log,
            Clock clock, RandomGenerator random) {
        this(vertx, settings, catalog, control, log, clock, random, dev.strait.gateway.observe.ExchangeObserver.NONE);
    }

    /** @param observer told of every ended exchange, after the access log (request traces) */
    public Gateway(Vertx vertx, GatewaySettings settings, Catalog catalog, ControlPlane control, JsonLog log,
            Clock clock, RandomGenerator random, dev.strait.gateway.observe.ExchangeObserver observer) {
        this.observer = observer;
        this.control = control;
        this.vertx = vertx;
        this.settings = settings;
        this.log = log;
        this.clock = clock;
        this.random = random;
        this.routing = new Routing(catalog, settings.breakerFailures(), settings.breakerOpenFor(), System::nanoTime);
        this.mapper = requestMapper(settings.maxJsonDepth());
    }

    /** How request bodies are read: nesting capped, trailing tokens refused. Public for the fuzz tests. */
    public static ObjectMapper requestMapper(int maxJsonDepth) {
        return new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxJsonDepth).build())
                .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Binds both listeners; blocks until they listen. Call from outside the event loops. */
    public Gateway start() {
        port = settings.port() == 0 ? freePort(settings.host()) : settings.port();
        AccessLog accessLog = new AccessLog(log, metrics);
        HexFormat hex = HexFormat.of();
        HttpServerOptions options = ListenerTls.apply(settings.tls(), http2Limits(lean(new HttpServerOptions()
                .setHost(settings.host()).setPort(port).setHandle100ContinueAutomatically(true))));
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        deploymentId = vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                // Each event loop has its own upstream client, created here on that loop: its
                // connections live on the same loop as the requests that use them, so forwarding
                // never hands work to another thread (a wake-up and a syscall per request).
                // https upstreams are verified against the system's trust store (or a provider's
                // ca_file, per request) and their names checked; nothing in the configuration turns that off.
                HttpClientOptions upstream = new HttpClientOptions()
                        .setVerifyHost(true)
                        .setTrustAll(false)
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setConnectTimeout((int) settings.connectTimeout().toMillis());
                HttpClient client = vertx.createHttpClient(upstream,
                        new PoolOptions().setHttp1MaxSize(UPSTREAM_CONNECTIONS_PER_LOOP));
                HttpClient streamClient = vertx.createHttpClient(upstream,
                        new PoolOptions().setHttp1MaxSize(UPSTREAM_STREAMS_PER_LOOP));
                Front front = new Front(stages(client, streamClient), mapper, settings.maxBodyBytes(), clock,
                        () -> "req_" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits((int) random.nextLong()),
                        request -> dev.strait.gateway.auth.InternalCaller.internal(request,
                                control.services().internalSecret()),
                        exchange -> {
                            // An exchange that ends unmetered (nothing served) gives back what it took. A
                            // cancelled one may still be metered for what it streamed, once the upstream's
                            // reset comes back: it gives back only what is left a moment later.
                            if (exchange.grants() != null && exchange.cancelled()) {
                                vertx.setTimer(1_000, id -> exchange.grants().release());
                            } else if (exchange.grants() != null) {
                                exchange.grants().release();
                            }
                            accessLog.ended(exchange);
                            observer.ended(exchange);
                        });
                return vertx.createHttpServer(options).requestHandler(front).listen();
            }
        }, new DeploymentOptions().setInstances(instances)).await();
        adminServer = vertx.createHttpServer(ListenerTls.apply(settings.tls(),
                        new HttpServerOptions().setHost(settings.adminHost()).setPort(settings.adminPort())))
                .requestHandler(new AdminRoutes(routing, registry, () -> ready, settings.adminToken(), control.adminApi()))
                .listen().await();
        adminPort = adminServer.actualPort();
        registry.gauge("strait.log.dropped", log, JsonLog::dropped);
        ready = true;
        ObjectMapper plain = new ObjectMapper();
        var line = log.line("info", "gateway listening").put("port", port).put("admin_port", adminPort)
                .put("event_loops", instances).put("tls", settings.tls() != null).put("deployments", routing.current().catalog().deployments().size());
        line.set("models", plain.valueToTree(routing.current().catalog().models()));
        log.write(line);
        return this;
    }

    /**
     * What the hot path does not need, off: compression (answers are small JSON or SSE, and a
     * compressed SSE stream would be buffered), the WebSocket extension handler that every HTTP/1.1
     * message would otherwise pass through (the gateway serves no WebSocket), and the queues that let
     * other threads write a response (strict thread mode: every response here is written on its
     * connection's own event loop, so it goes straight to the socket).
     */
    static HttpServerOptions lean(HttpServerOptions options) {
        return options.setTcpNoDelay(true).setCompressionSupported(false).setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false).setStrictThreadMode(true);
    }

    /**
     * HTTP/2 (h2 over TLS by ALPN, h2c by prior knowledge or upgrade) with its abuse limits written
     * down rather than inherited: streams per connection, the decoded header list (an HPACK bomb
     * expands past it and is refused), and resets per window (CVE-2023-44487, rapid reset: the
     * connection is closed with GOAWAY ENHANCE_YOUR_CALM). Proven by Http2AbuseTest.
     */
    static HttpServerOptions http2Limits(HttpServerOptions options) {
        return options.setHttp2ClearTextEnabled(true)
                .setInitialSettings(new io.vertx.core.http.Http2Settings()
                        .setMaxConcurrentStreams(HTTP2_MAX_CONCURRENT_STREAMS)
                        .setMaxHeaderListSize(HTTP2_MAX_HEADER_LIST_BYTES))
                .setHttp2RstFloodMaxRstFramePerWindow(HTTP2_MAX_RESETS_PER_WINDOW)
                .setHttp2RstFloodWindowDuration(30)
                .setHttp2RstFloodWindowDurationTimeUnit(java.util.concurrent.TimeUnit.SECONDS);
    }

    static final int HTTP2_MAX_CONCURRENT_STREAMS = 100;
    static final int HTTP2_MAX_HEADER_LIST_BYTES = 16 * 1024;
    static final int HTTP2_MAX_RESETS_PER_WINDOW = 200;

    /** The order of stages, written once. */
    private List<Stage> stages(HttpClient client, HttpClient streamClient) {
        return List.of(
                new dev.strait.gateway.auth.InternalCaller(control.services().internalSecret(), control.access(), clock),
                new Authenticate(control.access(), clock, settings.authFailuresPerMinute()),
                new Admit(control.policy()),
                control.services().hosted(),
                new dev.strait.gateway.responses.ResponsesStage(control.services().responses(), random),
                new dev.strait.gateway.facade.CountTokens(estimator),
                new dev.strait.gateway.facade.CompletionsStage(),
                new ModelList(routing, clock.instant()),
                new ResolveModel(routing),
                new Entitle(),
                new Limit(control.access(), control.prices(), control.limits(), clock, this::limitsUnavailable),
                new SelectDeployments(routing, random),
                new Forward(client, streamClient, mapper, routing, settings, metrics,
                        new Meter(control.usageSinks().get(), control.prices(), clock, metrics, estimator, control.traffic())));
    }

    private final java.util.concurrent.atomic.AtomicLong lastLimitsWarning = new java.util.concurrent.atomic.AtomicLong();

    /** Counted every time; logged at most every ten seconds, so an outage does not flood the log. */
    private void limitsUnavailable(Throwable cause) {
        metrics.limitsUnavailable();
        long now = System.nanoTime();
        long last = lastLimitsWarning.get();
        if ((last == 0 || now - last > 10_000_000_000L) && lastLimitsWarning.compareAndSet(last, now)) {
            log.write(log.line("warn", "limit counters unreachable").put("error", String.valueOf(cause)));
        }
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminPort;
    }

    public Routing routing() {
        return routing;
    }

    /** Where this node's limit counters live; seed budgets with the month's spend from the ledger at start. */
    public LimitCounters limits() {
        return control.limits();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }


    @Override
    public void close() {
        ready = false;
        if (deploymentId != null) {
            vertx.undeploy(deploymentId).await();
        }
        if (adminServer != null) {
            adminServer.close().await();
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
