package dev.strait.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strait limits …}: requests, tokens and spend allowed to an organization, project or key. */
@Command(name = "limits", mixinStandardHelpOptions = true,
        description = "Set and list limits of an organization, project or key.",
        subcommands = {LimitsCommand.Set.class, LimitsCommand.ListLimits.class})
public final class LimitsCommand {

    /** Exactly one subject. */
    static final class Subject {
        @Option(names = "--org", required = true) String org;
        @Option(names = "--project", required = true) String project;
        @Option(names = "--key", required = true, description = "key id (not the secret)") String key;

        String path() {
            return org != null ? "/admin/orgs/" + org + "/limits"
                    : project != null ? "/admin/projects/" + project + "/limits" : "/admin/keys/" + key + "/limits";
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set (replace) limits on one model or on all; an option left out is no limit.")
    static final class Set implements Callable<Integer> {
        @Mixin AdminClient admin;
        @ArgGroup(exclusive = true, multiplicity = "1") Subject subject;
        @Option(names = "--model", defaultValue = "*", description = "one model, or * for all (default)") String model;
        @Option(names = "--rpm", description = "requests per minute") Integer rpm;
        @Option(names = "--tpm", description = "tokens per minute") Long tpm;
        @Option(names = "--budget", description = "monthly budget, exact decimal, e.g. 1500.00") String budget;
        @Option(names = "--currency", defaultValue = "USD") String currency;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("model", model).put("currency", currency);
            if (rpm != null) {
                body.put("requests_per_minute", rpm);
            }
            if (tpm != null) {
                body.put("tokens_per_minute", tpm);
            }
            if (budget != null) {
                body.put("monthly_budget", budget);
            }
            return AdminClient.print(admin.post(subject.path(), body));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the limits set on one subject.")
    static final class ListLimits implements Callable<Integer> {
        @Mixin AdminClient admin;
        @ArgGroup(exclusive = true, multiplicity = "1") Subject subject;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.get(subject.path()));
        }
    }
}
