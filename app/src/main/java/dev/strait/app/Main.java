package dev.strait.app;

import dev.strait.app.cli.ConfigCommand;
import dev.strait.app.cli.EmulatorCommand;
import dev.strait.app.cli.ServeCommand;
import dev.strait.app.cli.OrgCommand;
import dev.strait.app.cli.KeyCommand;
import dev.strait.app.cli.LimitsCommand;
import dev.strait.app.cli.MonitorCommand;
import dev.strait.app.cli.OperatorsCommand;
import dev.strait.app.cli.PolicyCommand;
import dev.strait.app.cli.AuditCommand;
import dev.strait.app.cli.ProvenanceCommand;
import dev.strait.app.cli.ReportCommand;
import dev.strait.app.cli.ScreenCommand;
import dev.strait.app.cli.ScreeningCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/strait}: the gateway, its emulator and its tools behind one command. */
@Command(name = "strait", mixinStandardHelpOptions = true, version = "strait 0.1.0",
        description = "An AI model gateway for resellers of third-party models.",
        subcommands = {ServeCommand.class, EmulatorCommand.class, ConfigCommand.class, OrgCommand.class,
            KeyCommand.class, LimitsCommand.class, PolicyCommand.class, AuditCommand.class, ReportCommand.class,
            ProvenanceCommand.class, MonitorCommand.class, ScreenCommand.class, ScreeningCommand.class,
            OperatorsCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        JsonLogging.install();
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
