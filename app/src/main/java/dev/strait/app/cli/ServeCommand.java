package dev.strait.app.cli;

import dev.strait.app.Strait;
import dev.strait.app.config.ConfigException;
import dev.strait.app.config.ConfigLoader;
import dev.strait.app.config.StraitConfig;
import dev.strait.emulator.Emulator;
import dev.strait.gateway.GatewaySettings;
import dev.strait.gateway.observe.JsonLog;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a Strait node. Without a configuration it serves the built-in one, whose providers are
 * all an embedded emulator, on an embedded PostgreSQL, with demo customers and their keys.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway. Without --config it serves the built-in configuration, whose "
                + "providers are all an embedded emulator, on an embedded PostgreSQL with demo customers: "
                + "no external service and no API key needed.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", description = "YAML configuration file (default: the built-in one)")
    Path config;

    @Option(names = "--policy", description = "Market policy file (default: the configuration's, else the built-in one)")
    Path policy;

    @Option(names = "--data-dir", defaultValue = "strait-data",
            description = "Where the embedded PostgreSQL, the admin token and demo-keys.json live (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--emulator", negatable = true, description = "Start an embedded upstream emulator and expose "
            + "its URL as ${STRAIT_EMULATOR_URL} to the configuration (default: on without --config)")
    Boolean emulator;

    @Option(names = "--port", description = "Override the client listener's port")
    Integer port;

    @Option(names = "--admin-port", description = "Override the admin listener's port")
    Integer adminPort;

    @Override
    public Integer call() throws Exception {
        Vertx vertx = VertxRuntime.vertx();
        JsonLog log = new JsonLog(System.out, Clock.systemUTC(), 65_536);
        Map<String, String> variables = new HashMap<>(System.getenv());
        Emulator embedded = null;
        if (emulator != null ? emulator : config == null) {
            embedded = Emulator.start(vertx, "127.0.0.1", 0);
            variables.put("STRAIT_EMULATOR_URL", embedded.baseUrl());
            variables.put("STRAIT_EMULATOR_KEY", "strait-emulator-key");
            log.write(log.line("info", "embedded emulator listening (an emulator, not a real provider)")
                    .put("url", embedded.baseUrl()));
        }
        StraitConfig loaded;
        try {
            ConfigLoader loader = new ConfigLoader(variables);
            loaded = config == null ? loader.loadDefault() : loader.load(config);
        } catch (ConfigException e) {
            System.err.println("strait: configuration rejected: " + e.getMessage());
            log.close();
            vertx.close().await();
            return 2;
        }
        GatewaySettings settings = loaded.settings().withPorts(
                port != null ? port : loaded.settings().port(),
                adminPort != null ? adminPort : loaded.settings().adminPort());
        StraitConfig effective = new StraitConfig(settings, loaded.catalog(), loaded.database(),
                policy != null ? policy : loaded.policyFile(), loaded.pricesFile(), loaded.limits(), loaded.keyPepper(), loaded.monitoring(),
                loaded.screening(), loaded.events(), loaded.telemetry());
        Strait node;
        try {
            node = Strait.start(vertx, effective, dataDir, log, Clock.systemUTC(), Duration.ofMillis(250));
        } catch (ConfigException e) {
            System.err.println("strait: policy rejected: " + e.getMessage());
            log.close();
            vertx.close().await();
            return 2;
        }
        log.write(log.line("info", "transport").put("native", vertx.isNativeTransportEnabled()));
        System.err.println("strait: gateway on http://" + settings.host() + ":" + node.gateway().port()
                + "/v1 (admin: http://" + settings.adminHost() + ":" + node.gateway().adminPort() + ", token in "
                + (loaded.settings().adminToken().isPresent() ? "the configuration" : dataDir.resolve("admin-token"))
                + ")");
        Path consolePassword = dataDir.resolve("console-password");
        System.err.println("strait: operator console on http://" + settings.adminHost() + ":" + node.gateway().adminPort()
                + "/console/" + (Files.exists(consolePassword) ? " (operator 'admin', password in "
                + consolePassword.toAbsolutePath() + ")" : ""));
        if (config == null) {
            Path keys = dev.strait.app.DemoSeed.ensure(node.store(), dataDir);
            System.err.println("strait: demo customers and their API keys: " + keys.toAbsolutePath());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Emulator emulatorToClose = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            if (emulatorToClose != null) {
                emulatorToClose.close();
            }
            log.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
