package dev.strait.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strait monitor cases|show|decide}: the monitoring review queue, through the admin API. */
final class ReviewCommand {

    private ReviewCommand() {}

    @Command(name = "cases", mixinStandardHelpOptions = true, description = "List review cases, riskiest first.")
    static final class Cases implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Option(names = "--status", description = "open (default), approved, dismissed or all") String status = "open";

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(status.equals("all") ? admin.get("/admin/monitor/cases")
                    : admin.get("/admin/monitor/cases", "status", status));
        }
    }

    @Command(name = "verdicts", mixinStandardHelpOptions = true,
            description = "Every organization's live risk, verdict and evidence, riskiest first.")
    static final class Verdicts implements Callable<Integer> {
        @Mixin AdminClient admin;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.get("/admin/monitor/verdicts"));
        }
    }

    @Command(name = "decide", mixinStandardHelpOptions = true,
            description = "Decide an open case: approve (its automatic action stands), dismiss (reverses it), "
                    + "throttle or suspend. Audited with the note.")
    static final class Decide implements Callable<Integer> {
        @Mixin AdminClient admin;
        @Parameters(paramLabel = "CASE_ID") String caseId;
        @Option(names = "--decision", required = true, description = "approve, dismiss, throttle or suspend")
        String decision;
        @Option(names = "--note", required = true, description = "why, for the audit log") String note;

        @Override
        public Integer call() throws Exception {
            return AdminClient.print(admin.post("/admin/monitor/cases/" + caseId + "/decision",
                    AdminClient.JSON.createObjectNode().put("decision", decision).put("note", note)));
        }
    }
}
