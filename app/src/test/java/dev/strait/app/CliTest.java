package dev.strait.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator's CLI against a running node: organizations, keys, policy checks, audit verification. */
class CliTest {

    @TempDir
    Path dir;

    record Run(int exit, String out) {}

    static Run cli(Node node, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 4];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--admin-url";
            all[args.length + 1] = node.adminUrl();
            all[args.length + 2] = "--admin-token";
            all[args.length + 3] = node.adminToken();
            int exit = new CommandLine(new Main()).execute(all);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void createsVerifiesChecksAndAudits() throws Exception {
        try (Node node = new Node(dir)) {
            Run created = cli(node, "org", "create", "--name", "Cli Trading Co", "--market", "CN", "--registration", "91-X");
            assertThat(created.exit()).isZero();
            String org = Node.read(created.out()).get("id").asText();
            assertThat(cli(node, "org", "state", org, "verified", "--reason", "documents").exit()).isZero();

            Run key = cli(node, "key", "create", "--org", org, "--model", "gpt-4o");
            JsonNode keyJson = Node.read(key.out());
            assertThat(node.chat(keyJson.get("key").asText(), "gpt-4o").statusCode()).isEqualTo(200);

            Run limits = cli(node, "limits", "set", "--key", keyJson.get("id").asText(), "--model", "gpt-4o",
                    "--rpm", "30", "--tpm", "50000");
            assertThat(limits.exit()).isZero();
            assertThat(Node.read(limits.out()).get("tokens_per_minute").asLong()).isEqualTo(50_000);
            assertThat(cli(node, "limits", "list", "--key", keyJson.get("id").asText()).out()).contains("\"gpt-4o\"");
            assertThat(cli(node, "limits", "set", "--org", org, "--key", "k").exit()).as("one subject only").isEqualTo(2);

            Run check = cli(node, "policy", "check", "--org", org, "--model", "claude-sonnet-4-5");
            assertThat(check.out()).startsWith("DENY model_not_available_in_market").contains("markets.CN.vendors");

            assertThat(cli(node, "key", "revoke", keyJson.get("id").asText()).exit()).isZero();
            assertThat(node.chat(keyJson.get("key").asText(), "gpt-4o").statusCode()).isEqualTo(401);

            Run verify = cli(node, "audit", "verify");
            assertThat(verify.exit()).isZero();
            assertThat(verify.out()).startsWith("intact: ");
            try (Connection c = node.strait.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("delete from audit_log where seq = 2");
            }
            Run broken = cli(node, "audit", "verify");
            assertThat(broken.exit()).isEqualTo(1);
            assertThat(broken.out()).contains("BROKEN at entry 2");
        }
    }
}
