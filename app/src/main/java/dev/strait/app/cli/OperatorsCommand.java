package dev.strait.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strait operators …}: the people who log in to the operator console. A password is read
 * from standard input with {@code --password-stdin}, or made at random and printed once.
 */
@Command(name = "operators", mixinStandardHelpOptions = true, description = "Operators of the console.",
        subcommands = {OperatorsCommand.Add.class, OperatorsCommand.ListAll.class, OperatorsCommand.Passwd.class,
            OperatorsCommand.SetRole.class})
public final class OperatorsCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an operator.")
    static final class Add implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Parameters(index = "0", description = "Name: lower-case letters, digits, '.', '_', '-'") String name;
        @Option(names = "--role", required = true, description = "admin, compliance or finance") String role;
        @Option(names = "--password-stdin", description = "Read the password from standard input") boolean stdin;

        @Override
        public Integer call() throws Exception {
            String password = password(stdin);
            ObjectNode body = AdminClient.JSON.createObjectNode().put("name", name).put("role", role)
                    .put("password", password);
            return printWithPassword(admin.post("/admin/operators", body), stdin ? null : password);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the operators and their roles.")
    static final class ListAll implements Callable<Integer> {
        @Mixin AdminClient admin;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.get("/admin/operators"));
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set an operator's password; their sessions end.")
    static final class Passwd implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Parameters(index = "0") String name;
        @Option(names = "--password-stdin", description = "Read the password from standard input") boolean stdin;

        @Override
        public Integer call() throws Exception {
            String password = password(stdin);
            return printWithPassword(admin.post("/admin/operators/" + name + "/password",
                    AdminClient.JSON.createObjectNode().put("password", password)), stdin ? null : password);
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Give an operator another role; their sessions end.")
    static final class SetRole implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Parameters(index = "0") String name;
        @Option(names = "--role", required = true, description = "admin, compliance or finance") String role;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.post("/admin/operators/" + name + "/role",
                    AdminClient.JSON.createObjectNode().put("role", role)));
        }
    }

    private static String password(boolean stdin) throws java.io.IOException {
        if (stdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line.strip();
        }
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Prints the answer, and a generated password once, since nothing else will ever show it. */
    private static int printWithPassword(AdminClient.Answer answer, String generated) throws java.io.IOException {
        if (answer.ok() && generated != null) {
            ((ObjectNode) answer.body()).put("password", generated)
                    .put("note", "This is the only time the password is shown.");
        }
        return AdminClient.print(answer);
    }
}
