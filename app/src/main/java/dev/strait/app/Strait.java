package dev.strait.app;

import dev.strait.app.admin.AdminApi;
import dev.strait.app.config.PolicyLoader;
import dev.strait.app.config.StraitConfig;
import dev.strait.app.control.AccessRefresher;
import dev.strait.app.control.PolicyHolder;
import dev.strait.app.events.EventsSettings;
import dev.strait.app.events.KafkaBus;
import dev.strait.app.events.TrafficApplier;
import dev.strait.core.deploy.Deployment;
import dev.strait.core.deploy.Secret;
import dev.strait.app.config.PriceLoader;
import dev.strait.core.usage.PriceBook;
import dev.strait.core.access.KeyHasher;
import dev.strait.app.admin.MonitorApi;
import dev.strait.app.admin.ProvenanceApi;
import dev.strait.app.admin.ScreeningApi;
import dev.strait.app.config.StraitConfig;
import dev.strait.app.trust.ScreeningGate;
import dev.strait.screening.ScreeningService;
import dev.strait.store.screening.Screenings;
import dev.strait.app.trust.LiveMonitor;
import dev.strait.monitor.engine.MonitorConfig;
import dev.strait.monitor.engine.MonitorEngine;
import dev.strait.store.monitor.MonitorCases;
import dev.strait.app.trust.TrustPlane;
import dev.strait.gateway.ControlPlane;
import dev.strait.gateway.limit.LimitCounters;
import dev.strait.gateway.limit.LocalCounters;
import dev.strait.gateway.limit.RedisCounters;
import dev.strait.gateway.Gateway;
import dev.strait.store.ledger.Ledger;
import dev.strait.store.ledger.LedgerWriter;
import dev.strait.store.ledger.Spool;
import dev.strait.store.ledger.UsageCodec;
import dev.strait.gateway.GatewaySettings;
import dev.strait.gateway.observe.JsonLog;
import dev.strait.store.Database;
import dev.strait.store.access.AccessStore;
import dev.strait.store.audit.AuditLog;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * One Strait node, wired: the database, the control plane that keeps the gateway's snapshots
 * fresh, the admin API, and the gateway itself.
 */
public final class Strait implements AutoCloseable {

    private final Database database;
    private final AccessStore store;
    private final AuditLog audit;
    private final AccessRefresher access;
    private final PolicyHolder policy;
    private final Gateway gateway;
    private final Secret adminToken;
    private final LedgerWriter ledgerWriter;
    private final Ledger ledger;
    private final TrustPlane trust;
    /** The batch runner and the stored responses' writer, stopped around the gateway. */
    private AutoCloseable batchRunner = () -> { };
    private AutoCloseable responseStore = () -> { };
    private LiveMonitor monitor;
    private dev.strait.provenance.index.ProvenanceIndex provenance;
    private java.util.Optional<KafkaBus> bus = java.util.Optional.empty();
    /** Request traces, flushed after the gateway stops taking requests. */
    private AutoCloseable tracer = () -> { };

    private Strait(Database database, AccessStore store, AuditLog audit, AccessRefresher access, PolicyHolder policy,
            Gateway gateway, Secret adminToken, LedgerWriter ledgerWriter, Ledger ledger, TrustPlane trust) {
        this.trust = trust;
        this.ledgerWriter = ledgerWriter;
        this.ledger = ledger;
        this.database = database;
        this.store = store;
        this.audit = audit;
        this.access = access;
        this.policy = policy;
        this.gateway = gateway;
        this.adminToken = adminToken;
    }

    /**
     * @param dataDir where the embedded database and the generated admin token live
     * @param refreshEvery how often the access snapshot checks for changes made on other replicas
     */
    public static Strait start(Vertx vertx, StraitConfig config, Path dataDir, JsonLog log, Clock clock,
            Duration refreshEvery) {
        SecureRandom random = new SecureRandom();
        dev.strait.gateway.telemetry.RequestTracer tracer = null;
        Database database = config.database() == null
                ? Database.embedded(dataDir.resolve("postgres"))
                : Database.external(config.database().url(), config.database().user(), config.database().password().value());
        KafkaBus[] started = new KafkaBus[1];
        try {
            // The chain's tail is also kept in the data directory under a key the database never sees,
            // so deleting the newest entries is detected by `strait audit verify`.
            AuditLog audit = new AuditLog(database.dataSource(), clock, new dev.strait.store.audit.AuditAnchor(
                    dataDir.resolve("audit-anchor"), storedSecret(dataDir, "audit-anchor-key", "", random).value()
                    .getBytes(StandardCharsets.UTF_8)));
            Secret pepper = config.keyPepper().isPresent() ? config.keyPepper()
                    : storedSecret(dataDir, "key-pepper", "", random);
            AccessStore store = new AccessStore(database.dataSource(), audit, clock, random,
                    new KeyHasher(pepper.value().getBytes(StandardCharsets.UTF_8)));
            AccessRefresher access = new AccessRefresher(store, refreshEvery, log);
            PolicyLoader loader = new PolicyLoader(config.catalog().deployments().stream().map(Deployment::region)
                    .collect(Collectors.toSet()));
            PolicyHolder policy = new PolicyHolder(loader, config.policyFile(),
                    new dev.strait.store.policy.PolicyVersions(database.dataSource(), clock), audit, log, refreshEvery);
            Secret token = config.settings().adminToken().isPresent()
                    ? config.settings().adminToken()
                    : storedSecret(dataDir, "admin-token", "strait-admin-", random);
            GatewaySettings settings = config.settings().withAdminToken(token);
            Gateway[] self = new Gateway[1];
            PriceBook prices = config.pricesFile() == null ? new PriceLoader().loadDefault()
                    : new PriceLoader().load(config.pricesFile());
            // Usage goes to a memory-mapped spool first (one writer per event loop), then to the ledger.
            // A full disk holds records in memory (bounded) and writes them when room returns: never a crash.
            Spool spool = new Spool(dataDir.resolve("spool"), 8 * 1024 * 1024, Spool.DEFAULT_MAX_HELD_BYTES,
                    message -> log.write(log.line("warn", message)));
            Ledger ledger = new Ledger(database.dataSource());
            AdminApi api = new AdminApi(vertx, store, audit, access, policy, () -> self[0].routing().current().catalog(),
                    ledger, new dev.strait.store.report.Reports(database.dataSource()));
            MonitorCases cases = new MonitorCases(database.dataSource(), audit, clock);
            MonitorConfig monitorConfig = config.monitoring().engineConfig();
            LiveMonitor monitor = new LiveMonitor(new MonitorEngine(monitorConfig, config.monitoring().models()),
                    monitorConfig.minRequests(), policy, store, cases, config.monitoring().enforcement(), log, clock);
            // The event bus: this node's spool and queue, or Kafka shared by every replica.
            KafkaBus bus = config.events().bus() == EventsSettings.Bus.KAFKA
                    ? KafkaBus.start(config.events().kafka(), spool, log) : null;
            started[0] = bus;
            TrustPlane trust = TrustPlane.start(dataDir, policy, audit, monitor, log, clock, bus == null
                    ? TrustPlane.Route.IN_PROCESS
                    : (inProcess, index) -> bus.trafficPublisher(policy, new TrafficApplier(monitor, index)));
            if (bus != null) {
                trust.closeAfterQueue(bus);
                bus.consume(ledger, new TrafficApplier(monitor, trust.provenance()));
            }
            StraitConfig.ScreeningSettings screeningSettings = config.screening();
            ScreeningGate screening = new ScreeningGate(screeningSettings.lists() == null ? null
                    : ScreeningService.open(screeningSettings.lists(), screeningSettings.thresholds(), clock),
                    screeningSettings.lists(), new Screenings(database.dataSource(), audit, clock), store,
                    screeningSettings.suspendOnBlock());
            if (!screening.enabled()) {
                log.write(log.line("warn", "no denied-party lists configured (screening.lists): organizations are not"
                        + " screened"));
            }
            trust.every(Duration.ofSeconds(1), audit::anchorQuietly);
            trust.every(Duration.ofSeconds(30), () -> {
                try {
                    screening.reloadIfChanged().ifPresent(report -> {
                        access.refresh();
                        log.write(log.line("info", "denied-party lists changed; everyone screened again")
                                .put("report", report.toString()));
                    });
                } catch (Exception e) {
                    log.write(log.line("warn", "denied-party list reload failed; the previous lists stay in force")
                            .put("error", e.toString()));
                }
            });
            dev.strait.store.operator.Operators operators = new dev.strait.store.operator.Operators(
                    database.dataSource(), audit, new dev.strait.store.operator.PasswordHasher(
                            dev.strait.store.operator.PasswordHasher.DEFAULT_ITERATIONS, random),
                    clock, random, Duration.ofMinutes(30), Duration.ofHours(12));
            boolean firstOperator = ConsoleBootstrap.ensureFirstOperator(operators, dataDir, random);
            dev.strait.app.console.OperatorGuard guard = new dev.strait.app.console.OperatorGuard(token, operators);
            api.guard(guard).with(new dev.strait.app.console.OperatorsApi(operators))
                    .with(new dev.strait.app.admin.ConsoleDataApi(new dev.strait.store.report.UsageSeries(
                            database.dataSource()), policy, () -> self[0].routing(), clock));
            var front = new dev.strait.app.console.AdminFront(
                    new dev.strait.app.console.ConsoleAssets(Strait.class.getClassLoader()),
                    new dev.strait.app.console.SessionApi(vertx, operators, guard,
                            new dev.strait.app.console.LoginThrottle(5, Duration.ofMinutes(15), clock),
                            new dev.strait.app.console.LoginThrottle(20, Duration.ofMinutes(15), clock), clock), api);
            ScreeningApi screeningApi = new ScreeningApi(screening);
            api.gate(screeningApi).with(screeningApi)
                    .with(new ProvenanceApi(trust.provenance(), audit, clock))
                    .with(new MonitorApi(monitor, cases, store, access::refresh,
                            config.monitoring().enforcement().throttleRequestsPerMinute()));
            LedgerWriter ledgerWriter = new LedgerWriter(spool, ledger, Duration.ofMillis(100), e -> log.write(
                    log.line("warn", "ledger write failed; records wait in the spool").put("error", e.toString())));
            StraitConfig.LimitsSettings limitsSettings = config.limits();
            LimitCounters limits = limitsSettings.redisUrl() == null ? new LocalCounters()
                    : new RedisCounters(vertx, limitsSettings.redisUrl(), limitsSettings.failOpen(),
                            limitsSettings.redisTimeout());
            // Responses, files and batches: state of their own, in memory and PostgreSQL.
            String internalSecret = HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
            var fileStore = new dev.strait.app.batch.FileStore(database.dataSource(), dataDir.resolve("files"));
            var batchStore = new dev.strait.app.batch.BatchStore(database.dataSource());
            var runner = new dev.strait.app.batch.BatchRunner(batchStore, fileStore, () -> self[0].port(),
                    internalSecret, clock, 4, message -> log.write(log.line("warn", message)));
            var responses = new dev.strait.gateway.responses.ResponseStore(10_000,
                    new dev.strait.app.responses.PgResponseArchive(database.dataSource()), 10_000);
            var services = new dev.strait.gateway.ApiServices(responses,
                    new dev.strait.app.batch.FilesAndBatches(fileStore, batchStore, runner, clock, random), internalSecret);
            ControlPlane control = new ControlPlane(access, policy, () -> prices, bus != null ? bus::usageSink : () -> {
                Spool.Writer writer = spool.writer();
                return record -> writer.append(UsageCodec.encode(record));
            }, limits, trust.traffic(), front, services);
            // Request ids and weighted shuffles need speed, not secrecy: a per-thread generator shares no lock.
            RandomGenerator fast = () -> ThreadLocalRandom.current().nextLong();
            tracer = config.telemetry().enabled()
                    ? dev.strait.gateway.telemetry.RequestTracer.start(config.telemetry(), clock) : null;
            self[0] = new Gateway(vertx, settings, config.catalog(), control, log, clock, fast,
                    tracer != null ? tracer : dev.strait.gateway.observe.ExchangeObserver.NONE);
            if (bus != null) {
                bus.counters().bind(self[0].registry());
            }
            self[0].registry().gauge("strait.spool.pending_bytes", spool, Spool::pendingBytes);
            self[0].registry().gauge("strait.spool.held_records", spool, Spool::heldRecords);
            self[0].registry().gauge("strait.spool.dropped_records", spool, Spool::droppedRecords);
            self[0].registry().gauge("strait.spool.disk_full_episodes", spool, Spool::diskFullEpisodes);
            // The month's spend so far, so a restarted node does not hand out a budget twice.
            ledgerWriter.drainOnce();
            java.time.YearMonth month = java.time.YearMonth.now(clock.withZone(java.time.ZoneOffset.UTC));
            seedBudgets(limits, month.toString(), ledger.spentSince(
                    month.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()), log);
            self[0].start();
            log.write(log.line("info", "operator console").put("url", "http://" + settings.adminHost() + ":"
                    + self[0].adminPort() + "/console/").put("first_operator_password", firstOperator
                    ? dataDir.resolve(ConsoleBootstrap.PASSWORD_FILE).toString() : null));
            runner.resume(Duration.ofSeconds(30));
            Strait strait = new Strait(database, store, audit, access, policy, self[0], token, ledgerWriter, ledger, trust);
            strait.batchRunner = runner;
            strait.responseStore = responses;
            strait.monitor = monitor;
            strait.provenance = trust.provenance();
            strait.bus = java.util.Optional.ofNullable(bus);
            if (tracer != null) {
                strait.tracer = tracer;
            }
            return strait;
        } catch (SQLException | IOException e) {
            if (started[0] != null) {
                closeQuietly(started[0]);
            }
            database.close();
            throw new IllegalStateException("the database could not be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // A policy or listener that fails at start must not leave an embedded PostgreSQL running.
            if (started[0] != null) {
                closeQuietly(started[0]);
            }
            if (tracer != null) {
                tracer.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * Budgets start from the month's spend in the ledger. A Redis that cannot be reached at start is
     * not fatal: the node serves as its limits policy says, and Redis keeps what replicas wrote.
     */
    private static void seedBudgets(LimitCounters limits, String month, java.util.Map<String, java.math.BigDecimal> spent,
            JsonLog log) {
        try {
            limits.seed(month, spent);
        } catch (RuntimeException e) {
            log.write(log.line("warn", "budgets could not be seeded: limit counters unreachable")
                    .put("error", e.toString()));
        }
    }

    /**
     * A secret of a node that was given none in its configuration (the admin token, the key
     * pepper): made once, kept in the data directory, readable by its owner only. Replicas sharing
     * one database must be given the same key pepper in their configuration instead.
     */
    private static Secret storedSecret(Path dataDir, String name, String prefix, SecureRandom random) {
        Path file = dataDir.resolve(name);
        try {
            if (Files.exists(file)) {
                return new Secret(Files.readString(file, StandardCharsets.UTF_8).trim());
            }
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            String secret = prefix + HexFormat.of().formatHex(bytes);
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own permissions have to do.
            }
            return new Secret(secret);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the " + name + " in " + file, e);
        }
    }

    /** The Kafka event bus, when events go to Kafka. */
    public java.util.Optional<KafkaBus> events() {
        return bus;
    }

    public LiveMonitor monitor() {
        return monitor;
    }

    public dev.strait.provenance.index.ProvenanceIndex provenance() {
        return provenance;
    }

    public Ledger ledger() {
        return ledger;
    }

    public Gateway gateway() {
        return gateway;
    }

    public AccessStore store() {
        return store;
    }

    public AuditLog audit() {
        return audit;
    }

    public Secret adminToken() {
        return adminToken;
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public javax.sql.DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    public void close() {
        closeQuietly(batchRunner);
        gateway.close();
        closeQuietly(tracer);
        closeQuietly(responseStore);
        gateway.limits().close();
        trust.close();
        ledgerWriter.close();
        policy.close();
        access.close();
        database.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing must go on: the database and the ledger still have to stop cleanly.
        }
    }
}
