package dev.strait.monitor.replay;

import dev.strait.monitor.engine.MonitorConfig;
import dev.strait.monitor.engine.MonitorEngine;
import dev.strait.monitor.trace.ModelCatalog;
import java.io.BufferedOutputStream;
import java.nio.file.Path;

/**
 * {@code java -cp strait-monitor.jar:… dev.strait.monitor.replay.ReplayMain TRACE [MODELS] [TIER]}: the
 * replay without the application around it (the CLI's {@code strait monitor replay} does the same).
 */
public final class ReplayMain {
    private ReplayMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ReplayMain TRACE [MODELS_JSON] [TIER]");
            System.exit(2);
        }
        ModelCatalog catalog = args.length > 1 && !args[1].isEmpty() ? ModelCatalog.read(Path.of(args[1]))
                : ModelCatalog.EMPTY;
        MonitorConfig config = MonitorConfig.defaults();
        if (args.length > 2) {
            config = config.withTier(args[2]);
        }
        Replay.Result r = new Replay(new MonitorEngine(config, catalog)).run(Path.of(args[0]),
                b -> System.err.println("trace: " + b));
        BufferedOutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        Replay.write(r.verdicts(), out, args.length > 3 && args[3].equals("signals"));
        out.flush();
        System.err.printf("replayed %d requests (%d bad lines) in %.2f s: %.0f requests/s%n", r.events(),
                r.badLines(), r.nanos() / 1e9, r.eventsPerSecond());
    }
}
