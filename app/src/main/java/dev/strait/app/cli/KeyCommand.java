package dev.strait.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strait key …}: API keys. */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Manage API keys.",
        subcommands = {KeyCommand.Create.class, KeyCommand.ListKeys.class, KeyCommand.Revoke.class})
public final class KeyCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; its secret is printed once.")
    static final class Create implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Option(names = "--org", required = true) String org;
        @Option(names = "--project") String project;
        @Option(names = "--name", defaultValue = "default") String name;
        @Option(names = "--model", description = "A model the key may call (repeatable; default: all the org may use)")
        List<String> models = List.of();
        @Option(names = "--expires-at", description = "ISO-8601 instant, e.g. 2027-01-01T00:00:00Z") String expiresAt;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("org", org).put("project", project)
                    .put("name", name).put("expires_at", expiresAt);
            models.forEach(body.putArray("models")::add);
            return AdminClient.print(admin.post("/admin/keys", body));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an organization's keys.")
    static final class ListKeys implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Option(names = "--org", required = true) String org;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.get("/admin/keys", "org", org));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key.")
    static final class Revoke implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Parameters(paramLabel = "KEY_ID") String key;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.post("/admin/keys/" + key + "/revoke", null));
        }
    }
}
