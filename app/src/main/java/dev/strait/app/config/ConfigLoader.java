package dev.strait.app.config;

import dev.strait.app.events.EventsSettings;
import dev.strait.app.trust.LiveMonitor;
import dev.strait.app.trust.MonitoringSettings;
import dev.strait.core.deploy.Catalog;
import dev.strait.core.deploy.Deployment;
import dev.strait.core.deploy.Provider;
import dev.strait.core.deploy.ProviderKind;
import dev.strait.core.deploy.Secret;
import dev.strait.gateway.GatewaySettings;
import dev.strait.monitor.risk.Ladder;
import dev.strait.monitor.trace.ModelCatalog;
import dev.strait.gateway.telemetry.TelemetrySettings;
import dev.strait.gateway.ListenerTls;
import dev.strait.screening.ScreeningConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a YAML configuration, checks it whole and seals it. The only place that reads the
 * environment: secrets are written as {@code ${VARIABLE}} and resolved here.
 */
public final class ConfigLoader {

    public static final String DEFAULT_RESOURCE = "/strait-default.yaml";

    private final Map<String, String> variables;

    public ConfigLoader(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public StraitConfig load(Path file) {
        try {
            StraitConfig config = parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8),
                    file.toAbsolutePath().getParent());
            // A relative policy path is relative to the configuration file, not to where we run.
            StraitConfig.ScreeningSettings screening = config.screening();
            return new StraitConfig(config.settings(), config.catalog(), config.database(),
                    besides(file, config.policyFile()), besides(file, config.pricesFile()), config.limits(),
                    config.keyPepper(), config.monitoring(),
                    new StraitConfig.ScreeningSettings(besides(file, screening.lists()), screening.thresholds(),
                            screening.suspendOnBlock()), config.events(), config.telemetry());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "(file)", "cannot be read: " + e.getMessage());
        }
    }

    public StraitConfig loadDefault() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse("(built-in) strait-default.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in configuration is missing", e);
        }
    }

    public StraitConfig parse(String file, String text) {
        return parse(file, text, null);
    }

    /** @param directory where files the configuration names (certificates, CA files) are, or null for here */
    private StraitConfig parse(String file, String text, Path directory) {
        YamlNode root = YamlNode.parse(file, text, variables);
        GatewaySettings settings = server(root, directory);
        Map<String, Provider> providers = providers(root, directory);
        List<Deployment> deployments = deployments(root, providers);
        Map<String, String> aliases = aliases(root, deployments);
        StraitConfig.DatabaseSettings database = database(root);
        Path policy = root.optionalString("policy").map(Path::of).orElse(null);
        Path prices = root.optionalString("prices").map(Path::of).orElse(null);
        StraitConfig.LimitsSettings limits = limits(root);
        Secret pepper = Secret.NONE;
        YamlNode keys = root.field("keys").orElse(null);
        if (keys != null) {
            pepper = secretReference(keys, "pepper");
            if (pepper.isPresent() && pepper.value().length() < 16) {
                throw keys.required("pepper").error("must be at least 16 characters");
            }
            keys.rejectUnknownKeys();
        }
        MonitoringSettings monitoring = monitoring(root);
        StraitConfig.ScreeningSettings screening = screening(root);
        EventsSettings events = EventsSection.parse(root);
        TelemetrySettings telemetry = telemetry(root);
        root.rejectUnknownKeys();
        return new StraitConfig(settings, new Catalog(deployments, aliases), database, policy, prices, limits, pepper,
                monitoring, screening, events, telemetry);
    }

    private GatewaySettings server(YamlNode root, Path directory) {
        GatewaySettings d = GatewaySettings.defaults();
        YamlNode server = root.field("server").orElse(null);
        if (server == null) {
            return d;
        }
        HostPort listen = hostPort(server, "listen", d.host(), d.port());
        HostPort admin = hostPort(server, "admin_listen", d.adminHost(), d.adminPort());
        int maxBody = server.integer("max_body_bytes", d.maxBodyBytes(), 1024, 256 * 1024 * 1024);
        int maxDepth = server.integer("max_json_depth", d.maxJsonDepth(), 8, 1000);
        Duration connect = server.duration("upstream_connect_timeout", d.connectTimeout());
        Duration idle = server.duration("upstream_idle_timeout", d.idleTimeout());
        int failures = d.breakerFailures();
        Duration openFor = d.breakerOpenFor();
        YamlNode breaker = server.field("circuit_breaker").orElse(null);
        if (breaker != null) {
            failures = breaker.integer("failures", failures, 1, 1000);
            openFor = breaker.duration("open_for", openFor);
            breaker.rejectUnknownKeys();
        }
        Secret adminToken = secretReference(server, "admin_token");
        int authFailures = server.integer("auth_failures_per_minute", d.authFailuresPerMinute(), 1, 1_000_000);
        ListenerTls tls = null;
        YamlNode tlsNode = server.field("tls").orElse(null);
        if (tlsNode != null) {
            tls = new ListenerTls(readableFile(tlsNode, "cert", directory), readableFile(tlsNode, "key", directory));
            tlsNode.rejectUnknownKeys();
        }
        server.rejectUnknownKeys();
        return new GatewaySettings(listen.host, listen.port, admin.host, admin.port, maxBody, maxDepth, connect, idle,
                failures, openFor, adminToken, authFailures, tls);
    }

    /** A file the configuration names, relative to the configuration's directory, readable now. */
    private static Path readableFile(YamlNode parent, String key, Path directory) {
        Path named = Path.of(parent.string(key));
        Path file = named.isAbsolute() || directory == null ? named : directory.resolve(named);
        if (!ListenerTls.readable(file)) {
            throw parent.required(key).error("cannot read '" + file + "'");
        }
        return file;
    }

    private Map<String, Provider> providers(YamlNode root, Path directory) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (YamlNode node : root.list("providers")) {
            String name = node.string("name");
            String kindText = node.string("kind");
            ProviderKind kind = ProviderKind.byId(kindText).orElseThrow(() -> node.required("kind").error(
                    "unknown provider kind '" + kindText + "'; one of: " + kinds()));
            String apiVersion = node.optionalString("api_version").orElse(null);
            // Only ever narrows whom to trust: there is deliberately no key that skips verification.
            Path caFile = node.field("ca_file").isPresent() ? readableFile(node, "ca_file", directory) : null;
            node.rejectUnknownKeys();
            if (providers.put(name, new Provider(name, kind, apiVersion, caFile)) != null) {
                throw node.error("provider '" + name + "' is declared twice");
            }
        }
        return providers;
    }

    private List<Deployment> deployments(YamlNode root, Map<String, Provider> providers) {
        List<Deployment> deployments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<YamlNode> nodes = root.list("deployments");
        if (nodes.isEmpty()) {
            throw root.error("at least one deployment is required under 'deployments'");
        }
        for (YamlNode node : nodes) {
            String name = node.string("name");
            if (!names.add(name)) {
                throw node.error("deployment '" + name + "' is declared twice");
            }
            String model = node.string("model");
            String providerName = node.string("provider");
            Provider provider = providers.get(providerName);
            if (provider == null) {
                throw node.required("provider").error("no provider named '" + providerName + "' (declared: "
                        + String.join(", ", providers.keySet()) + ")");
            }
            URI endpoint = endpoint(node.required("endpoint"));
            String region = node.string("region");
            Secret credential = secretReference(node, "credential");
            String upstreamModel = node.optionalString("upstream_model").orElse(model);
            int priority = node.integer("priority", 1, 0, 1000);
            int weight = node.integer("weight", 1, 1, 10_000);
            int maxOutput = node.integer("max_output_tokens", 4096, 1, 1_000_000);
            node.rejectUnknownKeys();
            deployments.add(new Deployment(name, model, provider, endpoint, region, credential, upstreamModel,
                    priority, weight, maxOutput));
        }
        return deployments;
    }

    /**
     * <pre>
     * screening:
     *   lists: screening-lists   # a directory of OFAC / CSL / DPL / blocklist files, relative to this file
     *   block_at: 0.92           # optional thresholds, in [0, 1], review_at ≤ block_at
     *   review_at: 0.80
     *   max_hits: 10
     *   suspend_on_block: true   # a list update that newly blocks a verified organization suspends it
     * </pre>
     */
    private static StraitConfig.ScreeningSettings screening(YamlNode root) {
        YamlNode node = root.field("screening").orElse(null);
        if (node == null) {
            return StraitConfig.ScreeningSettings.NONE;
        }
        Path lists = node.optionalString("lists").map(Path::of).orElse(null);
        ScreeningConfig d = ScreeningConfig.defaults();
        double block = fraction(node, "block_at", d.blockAt());
        double review = fraction(node, "review_at", d.reviewAt());
        int maxHits = node.integer("max_hits", d.maxHits(), 1, 1000);
        String suspend = node.optionalString("suspend_on_block").orElse("true");
        if (!suspend.equals("true") && !suspend.equals("false")) {
            throw node.required("suspend_on_block").error("must be true or false");
        }
        node.rejectUnknownKeys();
        if (review > block) {
            throw node.required("review_at").error("must not exceed block_at (" + block + ")");
        }
        ScreeningConfig thresholds = new ScreeningConfig(block, review, maxHits, d.countryMatchBonus(),
                d.countryMismatchPenalty(), d.addressBonus(), d.identifierScore(), d.genericWeight(),
                d.entryCoverageShare(), d.genericOnlyCap());
        return new StraitConfig.ScreeningSettings(lists, thresholds, suspend.equals("true"));
    }

    /**
     * <pre>
     * telemetry:                          # absent: no traces
     *   otlp_endpoint: http://otel-collector:4318   # OTLP over HTTP (protobuf); /v1/traces is added
     *   sample_ratio: 0.1                 # share of traces kept when the caller sent no sampled parent
     *   service_name: strait
     * </pre>
     */
    private static TelemetrySettings telemetry(YamlNode root) {
        YamlNode node = root.field("telemetry").orElse(null);
        if (node == null) {
            return TelemetrySettings.OFF;
        }
        URI endpoint = endpoint(node.required("otlp_endpoint"));
        double ratio = fraction(node, "sample_ratio", 1.0);
        String service = node.optionalString("service_name").orElse(TelemetrySettings.OFF.serviceName());
        node.rejectUnknownKeys();
        return new TelemetrySettings(endpoint, ratio, service);
    }

    private static double fraction(YamlNode parent, String key, double fallback) {
        var node = parent.field(key);
        if (node.isEmpty()) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(node.get().text());
            if (!(value >= 0 && value <= 1)) {
                throw node.get().error("must be between 0 and 1, not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw node.get().error("must be a number between 0 and 1, not '" + node.get().text() + "'");
        }
    }

    /** A path named in a configuration file is relative to that file, not to where we run. */
    private static Path besides(Path config, Path named) {
        return named == null || named.isAbsolute() || config.getParent() == null ? named : config.getParent().resolve(named);
    }

    private MonitoringSettings monitoring(YamlNode root) {
        YamlNode node = root.field("monitoring").orElse(null);
        LiveMonitor.Enforcement d = LiveMonitor.Enforcement.DEFAULT;
        if (node == null) {
            return MonitoringSettings.DEFAULT;
        }
        String enforce = node.optionalString("enforce").orElse("automatic");
        if (!enforce.equals("automatic") && !enforce.equals("review_only")) {
            throw node.required("enforce").error("must be 'automatic' (throttle and suspend on their own) or 'review_only'");
        }
        int throttle = node.integer("throttle_requests_per_minute", d.throttleRequestsPerMinute(), 1, 1_000_000);
        java.time.Duration every = node.duration("evaluate_every", d.evaluateEvery());
        java.time.Duration suspendAfter = node.duration("suspend_after", d.suspendAfter());
        Map<String, Ladder> ladders = new LinkedHashMap<>();
        for (var tier : node.entries("ladders").entrySet()) {
            ladders.put(tier.getKey(), ladder(tier.getKey(), tier.getValue()));
        }
        Map<String, java.time.LocalDate> releases = new LinkedHashMap<>();
        for (var model : node.entries("model_releases").entrySet()) {
            try {
                releases.put(model.getKey(), java.time.LocalDate.parse(model.getValue().text()));
            } catch (java.time.format.DateTimeParseException e) {
                throw model.getValue().error("must be a release date such as 2026-08-07, not '"
                        + model.getValue().text() + "'");
            }
        }
        node.rejectUnknownKeys();
        return new MonitoringSettings(new LiveMonitor.Enforcement(enforce.equals("automatic"), throttle, every,
                suspendAfter), ladders, new ModelCatalog(releases));
    }

    /** One tier's thresholds; a threshold not given keeps the built-in one. */
    private static Ladder ladder(String tier, YamlNode node) {
        Ladder d = Ladder.DEFAULTS.get(tier);
        if (d == null) {
            throw node.error("is not a scrutiny tier: the policy's markets are under standard, elevated or strict");
        }
        double watch = fraction(node, "watch", d.watch());
        double review = fraction(node, "review", d.review());
        double throttle = fraction(node, "throttle", d.throttle());
        double suspend = fraction(node, "suspend", d.suspend());
        node.rejectUnknownKeys();
        try {
            return new Ladder(tier, watch, review, throttle, suspend);
        } catch (IllegalArgumentException e) {
            throw node.error("thresholds must rise from watch to suspend within (0, 1]: watch " + watch + ", review "
                    + review + ", throttle " + throttle + ", suspend " + suspend);
        }
    }

    private StraitConfig.LimitsSettings limits(YamlNode root) {
        YamlNode node = root.field("limits").orElse(null);
        if (node == null) {
            return StraitConfig.LimitsSettings.MEMORY;
        }
        String store = node.optionalString("store").orElse("memory");
        StraitConfig.LimitsSettings d = StraitConfig.LimitsSettings.MEMORY;
        String onUnavailable = node.optionalString("on_redis_unavailable").orElse("closed");
        if (!onUnavailable.equals("open") && !onUnavailable.equals("closed")) {
            throw node.required("on_redis_unavailable").error("must be 'open' (serve unlimited) or 'closed' (refuse)");
        }
        java.time.Duration timeout = node.duration("redis_timeout", d.redisTimeout());
        String url = null;
        switch (store) {
            case "memory" -> {
                if (node.field("redis_url").isPresent()) {
                    throw node.required("redis_url").error("only applies with store: redis");
                }
            }
            case "redis" -> {
                url = node.string("redis_url");
                if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
                    throw node.required("redis_url").error("must be a redis:// or rediss:// URL");
                }
            }
            default -> throw node.required("store").error("must be 'memory' (one node) or 'redis' (shared by replicas)");
        }
        node.rejectUnknownKeys();
        return new StraitConfig.LimitsSettings(url, onUnavailable.equals("open"), timeout);
    }

    private StraitConfig.DatabaseSettings database(YamlNode root) {
        YamlNode node = root.field("database").orElse(null);
        if (node == null) {
            return null;
        }
        String url = node.string("url");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw node.required("url").error("must be a jdbc:postgresql:// URL");
        }
        String user = node.optionalString("user").orElse("strait");
        Secret password = secretReference(node, "password");
        node.rejectUnknownKeys();
        return new StraitConfig.DatabaseSettings(url, user, password);
    }

    /** A secret field: only ever an environment reference, never the secret written in the file. */
    private static Secret secretReference(YamlNode parent, String key) {
        var node = parent.field(key);
        if (node.isEmpty()) {
            return Secret.NONE;
        }
        if (!node.get().isVariableReference()) {
            throw node.get().error("secrets must be an environment reference such as ${OPENAI_API_KEY}, never the secret itself");
        }
        return new Secret(node.get().text());
    }

    private Map<String, String> aliases(YamlNode root, List<Deployment> deployments) {
        Set<String> models = deployments.stream().map(Deployment::model).collect(Collectors.toSet());
        Map<String, String> aliases = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : root.entries("aliases").entrySet()) {
            String target = entry.getValue().text();
            if (!models.contains(target)) {
                throw entry.getValue().error("alias points at model '" + target + "', which no deployment serves");
            }
            if (models.contains(entry.getKey())) {
                throw entry.getValue().error("'" + entry.getKey() + "' is already a model name");
            }
            aliases.put(entry.getKey(), target);
        }
        return aliases;
    }

    private static URI endpoint(YamlNode node) {
        String text = node.text();
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw node.error("must be an http:// or https:// URL, not '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw node.error("is not a valid URL: " + e.getReason());
        }
    }

    private record HostPort(String host, int port) {}

    private static HostPort hostPort(YamlNode parent, String key, String host, int port) {
        var node = parent.field(key);
        if (node.isEmpty()) {
            return new HostPort(host, port);
        }
        String text = node.get().text();
        int colon = text.lastIndexOf(':');
        try {
            int parsed = Integer.parseInt(text.substring(colon + 1));
            if (colon <= 0 || parsed < 0 || parsed > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(text.substring(0, colon), parsed);
        } catch (NumberFormatException e) {
            throw node.get().error("must be host:port, such as 127.0.0.1:8080, not '" + text + "'");
        }
    }

    private static String kinds() {
        return java.util.Arrays.stream(ProviderKind.values()).map(k -> k.id).collect(Collectors.joining(", "));
    }
}
