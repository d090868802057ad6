package dev.strait.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strait report …}: usage and revenue by territory, top customers, monthly statements. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Usage and revenue reports (JSON or CSV).",
        subcommands = {ReportCommand.Usage.class, ReportCommand.Top.class, ReportCommand.Statement.class})
public final class ReportCommand {

    /** Prints CSV as it comes, JSON pretty. */
    static int show(AdminClient admin, String path, boolean csv, String... query) throws Exception {
        String[] all = java.util.Arrays.copyOf(query, query.length + 2);
        all[query.length] = "format";
        all[query.length + 1] = csv ? "csv" : "json";
        AdminClient.Answer answer = admin.getText(path, all);
        if (!answer.ok()) {
            return AdminClient.print(answer);
        }
        System.out.print(csv ? answer.text() : AdminClient.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(answer.body()) + "\n");
        return 0;
    }

    @Command(name = "usage", mixinStandardHelpOptions = true,
            description = "Requests, tokens and revenue by market (territory), org or model, with growth against the previous period.")
    static final class Usage implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Option(names = "--by", defaultValue = "market", description = "market, org or model") String by;
        @Option(names = "--from", description = "First day, YYYY-MM-DD (default: this month)") String from;
        @Option(names = "--to", description = "Day after the last, YYYY-MM-DD") String to;
        @Option(names = "--csv") boolean csv;

        @Override
        public Integer call() throws Exception {
            return show(admin, "/admin/reports/usage", csv, "by", by, "from", from, "to", to);
        }
    }

    @Command(name = "top", mixinStandardHelpOptions = true, description = "Top customers by revenue.")
    static final class Top implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Option(names = "--from") String from;
        @Option(names = "--to") String to;
        @Option(names = "--limit", defaultValue = "10") int limit;
        @Option(names = "--csv") boolean csv;

        @Override
        public Integer call() throws Exception {
            return show(admin, "/admin/reports/top-customers", csv, "from", from, "to", to, "limit", Integer.toString(limit));
        }
    }

    @Command(name = "statement", mixinStandardHelpOptions = true,
            description = "An organization's monthly statement: lines per model that sum exactly to the total.")
    static final class Statement implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Option(names = "--org", required = true) String org;
        @Option(names = "--month", description = "YYYY-MM (default: this month)") String month;
        @Option(names = "--csv") boolean csv;

        @Override
        public Integer call() throws Exception {
            return show(admin, "/admin/reports/statement", csv, "org", org, "month", month);
        }
    }
}
