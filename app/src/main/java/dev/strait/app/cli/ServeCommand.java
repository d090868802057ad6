package dev.strait.app.cli;

import dev.strait.app.config.ConfigException;
import dev.strait.app.config.ConfigLoader;
import dev.strait.app.config.StraitConfig;
import dev.strait.emulator.Emulator;
import dev.strait.gateway.Gateway;
import dev.strait.gateway.GatewaySettings;
import dev.strait.gateway.observe.JsonLog;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the gateway; with no configuration, on the built-in one in front of an embedded emulator. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway. Without --config it serves the built-in configuration, whose "
                + "providers are all an embedded emulator: no external service and no API key needed.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", description = "YAML configuration file (default: the built-in one)")
    Path config;

    @Option(names = "--emulator", negatable = true, description = "Start an embedded upstream emulator and expose "
            + "its URL as ${STRAIT_EMULATOR_URL} to the configuration (default: on without --config)")
    Boolean emulator;

    @Option(names = "--port", description = "Override the client listener's port")
    Integer port;

    @Option(names = "--admin-port", description = "Override the admin listener's port")
    Integer adminPort;

    @Override
    public Integer call() throws InterruptedException {
        Vertx vertx = Vertx.vertx();
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
        if (settings.accessKeys().isEmpty()) {
            log.warn("no access.api_keys configured: any non-empty API key is accepted (demo mode)");
        }
        Gateway gateway = new Gateway(vertx, settings, loaded.catalog(), log, Clock.systemUTC(), new SecureRandom())
                .start();
        System.err.println("strait: gateway on http://" + settings.host() + ":" + gateway.port()
                + "/v1 (admin: http://" + settings.adminHost() + ":" + gateway.adminPort() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Emulator emulatorToClose = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
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
