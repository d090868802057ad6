package dev.strait.app.cli;

import dev.strait.app.config.ConfigException;
import dev.strait.app.config.ConfigLoader;
import dev.strait.app.trust.MonitoringSettings;
import dev.strait.monitor.engine.MonitorConfig;
import dev.strait.monitor.engine.MonitorEngine;
import dev.strait.monitor.replay.Replay;
import dev.strait.monitor.trace.ModelCatalog;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strait monitor …}: distillation monitoring outside the gateway. */
@Command(name = "monitor", mixinStandardHelpOptions = true, description = "Distillation monitoring.",
        subcommands = {MonitorCommand.ReplayTrace.class, ReviewCommand.Cases.class, ReviewCommand.Verdicts.class,
                ReviewCommand.Decide.class})
public final class MonitorCommand {

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Run a trace (JSON Lines, plain or gzip) through the monitoring engine and print one verdict "
                    + "per organization as JSON Lines. Bad lines are reported on stderr with their number and skipped.")
    static final class ReplayTrace implements Callable<Integer> {
        @Option(names = "--trace", required = true, description = "The trace file (.jsonl or .jsonl.gz).")
        Path trace;
        @Option(names = "--models", description = "models.json with release dates (for moves to new models).")
        Path models;
        @Option(names = "--tier", description = "Scrutiny tier for every market: standard, elevated or strict "
                + "(default: standard).")
        String tier;
        @Option(names = "--config", description = "A Strait configuration whose monitoring ladders and model release "
                + "dates apply, as on the live gateway.")
        Path configFile;
        @Option(names = "--signals", description = "Also print every measured signal of each organization.")
        boolean signals;

        @Override
        public Integer call() throws Exception {
            if (!Files.isReadable(trace)) {
                System.err.println("monitor replay: cannot read trace " + trace);
                return 2;
            }
            MonitoringSettings settings = MonitoringSettings.DEFAULT;
            if (configFile != null) {
                try {
                    settings = new ConfigLoader(System.getenv()).load(configFile).monitoring();
                } catch (ConfigException e) {
                    System.err.println("monitor replay: " + e.getMessage());
                    return 2;
                }
            }
            MonitorConfig config = settings.engineConfig();
            if (tier != null) {
                try {
                    config = config.withTier(tier.toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    System.err.println("monitor replay: " + e.getMessage());
                    return 2;
                }
            }
            ModelCatalog catalog = models == null ? settings.models() : settings.models().with(ModelCatalog.read(models));
            Replay.Result r = new Replay(new MonitorEngine(config, catalog)).run(trace,
                    bad -> System.err.println("monitor replay: " + trace + " " + bad));
            BufferedOutputStream out = new BufferedOutputStream(System.out, 1 << 16);
            Replay.write(r.verdicts(), out, signals);
            out.flush();
            System.err.printf(Locale.ROOT, "monitor replay: %d requests, %d organizations, %d bad lines, %.2f s (%.0f requests/s)%n",
                    r.events(), r.verdicts().size(), r.badLines(), r.nanos() / 1e9, r.eventsPerSecond());
            return 0;
        }
    }
}
