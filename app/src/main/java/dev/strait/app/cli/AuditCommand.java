package dev.strait.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code strait audit …}: the hash-chained audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.ListEntries.class})
public final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the hash chain and its tail anchor; exits 1 and names the entry if anything was edited,"
                    + " reordered or removed, including entries cut from its end.")
    static final class Verify implements Callable<Integer> {
        @Mixin AdminClient admin;

        @Override
        public Integer call() throws Exception {
            AdminClient.Answer answer = admin.get("/admin/audit/verify");
            if (!answer.ok()) {
                return AdminClient.print(answer);
            }
            JsonNode v = answer.body();
            if (v.path("intact").asBoolean()) {
                long anchored = v.path("anchored_seq").asLong();
                System.out.println("intact: " + v.path("entries").asLong() + " entries"
                        + (anchored > 0 ? ", reaching the tail anchor (entry " + anchored + ")" : ", no tail anchor yet"));
                return 0;
            }
            System.out.println("BROKEN at entry " + v.path("first_broken_seq").asLong() + ": " + v.path("problem").asText());
            return 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the audit entries.")
    static final class ListEntries implements Callable<Integer> {
        @Mixin AdminClient admin;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.get("/admin/audit"));
        }
    }
}
