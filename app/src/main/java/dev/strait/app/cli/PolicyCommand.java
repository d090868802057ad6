package dev.strait.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strait policy …}: ask what the market policy decides, and reload it. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Market policy.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Reload.class})
public final class PolicyCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Whether an organization may use a model, and the rule that decides it.")
    static final class Check implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Option(names = "--org", required = true) String org;
        @Option(names = "--model", required = true) String model;

        @Override
        public Integer call() throws Exception {
            AdminClient.Answer answer = admin.get("/admin/policy/check", "org", org, "model", model);
            if (!answer.ok()) {
                return AdminClient.print(answer);
            }
            JsonNode d = answer.body();
            System.out.println(d.path("decision").asText().toUpperCase() + " " + d.path("code").asText());
            System.out.println("  org:    " + d.path("org").asText() + " (market " + d.path("market").asText() + ")");
            System.out.println("  model:  " + d.path("model").asText());
            System.out.println("  rule:   " + d.path("rule").asText());
            System.out.println("  reason: " + d.path("reason").asText());
            if (d.has("serving_regions")) {
                System.out.println("  regions: " + d.path("serving_regions"));
            }
            return 0;
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true, description = "Reload the policy file now.")
    static final class Reload implements Callable<Integer> {
        @Mixin AdminClient admin;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.post("/admin/policy/reload", null));
        }
    }
}
