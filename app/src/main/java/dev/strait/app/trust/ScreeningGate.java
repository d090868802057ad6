package dev.strait.app.trust;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.app.cli.ScreenCommand;
import dev.strait.core.access.OrgState;
import dev.strait.core.access.Organization;
import dev.strait.screening.ReloadReport;
import dev.strait.screening.ScreeningQuery;
import dev.strait.screening.ScreeningResult;
import dev.strait.screening.ScreeningService;
import dev.strait.store.access.AccessStore;
import dev.strait.store.screening.Screening;
import dev.strait.store.screening.Screenings;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The onboarding gate: an organization is screened when it is created, and cannot become verified
 * while a {@code block} or {@code review} screening is unresolved or a match was confirmed. When
 * the lists change, every organization is screened again; one newly blocked is suspended (if so
 * configured), and the report says what changed. Without lists configured, nothing is screened and
 * the gate is open — said once at start, and in each organization's screening record.
 */
public final class ScreeningGate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScreeningService service;
    private final Path lists;
    private final Screenings screenings;
    private final AccessStore store;
    private final boolean suspendOnBlock;
    private String listsSignature;

    /** @param service null when no lists are configured */
    public ScreeningGate(ScreeningService service, Path lists, Screenings screenings, AccessStore store,
            boolean suspendOnBlock) {
        this.service = service;
        this.lists = lists;
        this.screenings = screenings;
        this.store = store;
        this.suspendOnBlock = suspendOnBlock;
        this.listsSignature = signature();
    }

    public boolean enabled() {
        return service != null;
    }

    public Screenings screenings() {
        return screenings;
    }

    /** Screens a name ad hoc, recording nothing. */
    public Optional<ScreeningResult> check(ScreeningQuery query) {
        return service == null ? Optional.empty() : Optional.of(service.screen(query));
    }

    /** Screens an organization and records it (audited). */
    public Screening screen(Organization org, String trigger) throws SQLException {
        if (service == null) {
            return screenings.record(org.id(), trigger, "unscreened", BigDecimal.ZERO,
                    JSON.createObjectNode().put("note", "no denied-party lists are configured").toString());
        }
        ScreeningResult result = service.screen(new ScreeningQuery(org.legalName(), org.market(), null,
                org.registrationNumber() == null ? List.of() : List.of(org.registrationNumber())));
        return screenings.record(org.id(), trigger, result.decision().id(),
                BigDecimal.valueOf(result.topScore()).setScale(5, RoundingMode.HALF_UP),
                ScreenCommand.render(result).toString());
    }

    /** Refuses verification while a screening stands in the way; screens first if it never was. */
    public void checkVerification(String orgId) throws SQLException {
        Organization org = store.organization(orgId).orElseThrow(() -> new AccessStore.NotFound(
                "organization " + orgId + " does not exist"));
        if (screenings.latest(orgId).isEmpty()) {
            screen(org, "verification");
        }
        List<Screening> blocking = screenings.blocking(orgId);
        if (!blocking.isEmpty()) {
            Screening s = blocking.getFirst();
            throw new AccessStore.Conflict("organization " + orgId + " cannot be verified: screening " + s.id() + " ("
                    + s.decision() + ", score " + s.topScore().stripTrailingZeros().toPlainString() + ") is "
                    + (s.status().equals("open") ? "unresolved; a reviewer resolves it with POST /admin/screening/"
                    + s.id() + "/resolve" : "a confirmed match"));
        }
    }

    /** Re-reads the lists when their files changed since last time; then screens everyone again. */
    public Optional<ObjectNode> reloadIfChanged() throws SQLException {
        String now = signature();
        if (service == null || now.equals(listsSignature)) {
            return Optional.empty();
        }
        return Optional.of(reload());
    }

    /** Re-reads the lists and screens every organization again against them. */
    public synchronized ObjectNode reload() throws SQLException {
        if (service == null) {
            throw new IllegalStateException("no denied-party lists are configured");
        }
        listsSignature = signature();
        ReloadReport report = service.reload();
        ObjectNode out = JSON.createObjectNode().put("lists_changed", report.changed());
        out.set("lists", JSON.valueToTree(report.lists().stream().map(l -> JSON.createObjectNode()
                .put("name", l.name()).put("status", l.status().name().toLowerCase(java.util.Locale.ROOT))
                .put("entries_added", l.added().size()).put("entries_removed", l.removed().size())).toList()));
        ArrayNode changes = out.putArray("organizations_changed");
        int screened = 0;
        for (Organization org : store.organizations()) {
            String before = screenings.latest(org.id()).map(Screening::decision).orElse("unscreened");
            Screening after = screen(org, "list_update");
            screened++;
            if (!after.decision().equals(before)) {
                ObjectNode change = changes.addObject().put("org", org.id()).put("name", org.legalName())
                        .put("before", before).put("after", after.decision()).put("screening", after.id());
                if (after.decision().equals("block") && suspendOnBlock && org.state() == OrgState.VERIFIED) {
                    store.changeState("screening", org.id(), OrgState.SUSPENDED,
                            "newly blocked by a denied-party list update (screening " + after.id() + ")");
                    change.put("action", "suspended");
                }
            }
        }
        out.put("organizations_screened", screened);
        return out;
    }

    /** Names, sizes and times of the list files: cheap to compare, unlike loading them. */
    private String signature() {
        if (lists == null || !Files.isDirectory(lists)) {
            return "";
        }
        try (Stream<Path> files = Files.list(lists)) {
            return files.sorted().map(f -> {
                try {
                    return f.getFileName() + ":" + Files.size(f) + ":" + Files.getLastModifiedTime(f).toMillis();
                } catch (IOException e) {
                    return f.getFileName() + ":?";
                }
            }).reduce("", (a, b) -> a + "|" + b);
        } catch (IOException e) {
            return "";
        }
    }
}
