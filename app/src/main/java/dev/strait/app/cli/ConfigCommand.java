package dev.strait.app.cli;

import dev.strait.app.config.ConfigException;
import dev.strait.app.config.ConfigLoader;
import dev.strait.app.config.StraitConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code strait config check FILE}: validates a configuration without serving it. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with configuration files.",
        subcommands = ConfigCommand.Check.class)
public final class ConfigCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a configuration file; prints the first problem with its file, line and field.")
    static final class Check implements Callable<Integer> {

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            Map<String, String> variables = new HashMap<>(System.getenv());
            variables.putIfAbsent("STRAIT_EMULATOR_URL", "http://127.0.0.1:1");
            variables.putIfAbsent("STRAIT_EMULATOR_KEY", "strait-emulator-key");
            try {
                StraitConfig config = new ConfigLoader(variables).load(file);
                System.out.println("ok: " + config.catalog().deployments().size() + " deployments of "
                        + config.catalog().models().size() + " models");
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
