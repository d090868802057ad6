package dev.strait.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strait org …}: customers and their verification. */
@Command(name = "org", mixinStandardHelpOptions = true, description = "Manage organizations (customers).",
        subcommands = {OrgCommand.Create.class, OrgCommand.ListOrgs.class, OrgCommand.Show.class,
            OrgCommand.SetState.class})
public final class OrgCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an organization; it starts pending.")
    static final class Create implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Option(names = "--name", required = true, description = "Legal name") String name;
        @Option(names = "--market", required = true, description = "Market (jurisdiction), e.g. CN, US, EU") String market;
        @Option(names = "--kind", defaultValue = "enterprise", description = "enterprise or individual") String kind;
        @Option(names = "--registration", description = "Company registration number") String registration;
        @Option(names = "--contact", description = "Contact address (repeatable)") List<String> contacts = List.of();

        @Override
        public Integer call() throws Exception {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("legal_name", name).put("market", market)
                    .put("kind", kind).put("registration_number", registration);
            contacts.forEach(body.putArray("contacts")::add);
            return AdminClient.print(admin.post("/admin/orgs", body));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List organizations.")
    static final class ListOrgs implements Callable<Integer> {
        @Mixin AdminClient admin;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.get("/admin/orgs"));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an organization, its projects and keys.")
    static final class Show implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Parameters(paramLabel = "ORG") String org;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.get("/admin/orgs/" + org));
        }
    }

    @Command(name = "state", mixinStandardHelpOptions = true,
            description = "Move an organization to verified, rejected, suspended or pending.")
    static final class SetState implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Parameters(index = "0", paramLabel = "ORG") String org;
        @Parameters(index = "1", paramLabel = "STATE") String state;
        @Option(names = "--reason", defaultValue = "") String reason;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.post("/admin/orgs/" + org + "/state",
                    AdminClient.JSON.createObjectNode().put("state", state).put("reason", reason)));
        }
    }
}
