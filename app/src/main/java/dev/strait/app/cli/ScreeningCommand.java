package dev.strait.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strait screening …}: an organization's screenings and their resolution, through the admin API. */
@Command(name = "screening", mixinStandardHelpOptions = true,
        description = "Review organizations' denied-party screenings (the onboarding gate).",
        subcommands = {ScreeningCommand.ListScreenings.class, ScreeningCommand.Resolve.class,
                ScreeningCommand.Reload.class})
public final class ScreeningCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "An organization's screenings, newest first.")
    static final class ListScreenings implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Option(names = "--org", required = true) String org;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.get("/admin/screening/orgs/" + org));
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Resolve a block or review screening: cleared (not the listed party) or confirmed. Audited.")
    static final class Resolve implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Parameters(paramLabel = "SCREENING_ID") String screening;
        @Option(names = "--resolution", required = true, description = "cleared or confirmed") String resolution;
        @Option(names = "--reason", required = true, description = "why, for the audit log") String reason;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.post("/admin/screening/" + screening + "/resolve",
                    AdminClient.JSON.createObjectNode().put("resolution", resolution).put("reason", reason)));
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = "Re-read the lists and screen every organization again; prints what changed.")
    static final class Reload implements Callable<Integer> {
        @Mixin AdminClient admin;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.post("/admin/screening/reload", null));
        }
    }
}
