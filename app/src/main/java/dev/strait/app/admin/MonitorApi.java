package dev.strait.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.app.trust.LiveMonitor;
import dev.strait.core.access.LimitRule;
import dev.strait.core.access.OrgState;
import dev.strait.core.access.Organization;
import dev.strait.monitor.risk.Verdict;
import dev.strait.store.access.AccessStore;
import dev.strait.store.monitor.MonitorCase;
import dev.strait.store.monitor.MonitorCases;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code /admin/monitor/…}: the live verdicts, ranked, and the review queue. A reviewer approves a
 * case (its automatic action stands), dismisses it (throttle lifted, suspension reversed), or
 * decides to throttle or suspend; a note is required, and each decision is audited.
 */
public final class MonitorApi implements AdminSection {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DECISIONS = Set.of("approve", "dismiss", "throttle", "suspend");

    private final LiveMonitor monitor;
    private final MonitorCases cases;
    private final AccessStore store;
    private final Runnable accessChanged;
    private final int throttleRequestsPerMinute;

    public MonitorApi(LiveMonitor monitor, MonitorCases cases, AccessStore store, Runnable accessChanged,
            int throttleRequestsPerMinute) {
        this.monitor = monitor;
        this.cases = cases;
        this.store = store;
        this.accessChanged = accessChanged;
        this.throttleRequestsPerMinute = throttleRequestsPerMinute;
    }

    @Override
    public AdminApi.Reply route(HttpMethod method, String[] parts, HttpServerRequest request, Buffer body, String actor)
            throws Exception {
        if (parts.length < 3 || !parts[1].equals("monitor")) {
            return null;
        }
        if (parts.length == 3 && parts[2].equals("verdicts") && method == HttpMethod.GET) {
            ObjectNode out = JSON.createObjectNode();
            var data = out.putArray("data");
            List<Verdict> ranked = monitor.engine().verdicts().stream()
                    .sorted(Comparator.comparingDouble(Verdict::risk).reversed()).toList();
            for (Verdict v : ranked) {
                data.add(verdict(v));
            }
            return AdminApi.ok(out);
        }
        if (parts.length == 4 && parts[2].equals("orgs") && method == HttpMethod.GET) {
            Verdict v = monitor.engine().verdict(parts[3]).orElseThrow(() -> new AccessStore.NotFound(
                    "monitoring has seen no traffic of organization " + parts[3]));
            return AdminApi.ok(verdict(v));
        }
        if (parts.length == 3 && parts[2].equals("cases") && method == HttpMethod.GET) {
            String status = request.getParam("status");
            ObjectNode out = JSON.createObjectNode();
            var data = out.putArray("data");
            cases.list(status, 500).forEach(c -> data.add(view(c)));
            return AdminApi.ok(out);
        }
        if (parts.length == 4 && parts[2].equals("cases") && method == HttpMethod.GET) {
            return AdminApi.ok(view(cases.find(parts[3]).orElseThrow(() -> new AccessStore.NotFound(
                    "case " + parts[3] + " does not exist"))));
        }
        if (parts.length == 5 && parts[2].equals("cases") && parts[4].equals("decision") && method == HttpMethod.POST) {
            JsonNode in = AdminApi.json(body);
            String decision = AdminApi.text(in, "decision");
            if (!DECISIONS.contains(decision)) {
                throw new AdminApi.BadRequest("decision must be one of approve, dismiss, throttle, suspend");
            }
            String note = AdminApi.text(in, "note");
            MonitorCase open = cases.find(parts[3]).orElseThrow(() -> new AccessStore.NotFound(
                    "case " + parts[3] + " does not exist"));
            if (!open.open()) {
                throw new AccessStore.Conflict("case " + open.id() + " was already " + open.status());
            }
            String action = switch (decision) {
                case "approve" -> open.action();
                case "dismiss" -> "none";
                default -> decision;
            };
            enforce(actor, open.orgId(), open.action(), action, note);
            MonitorCase decided = cases.decide(open.id(), actor, decision.equals("dismiss") ? "dismissed" : "approved",
                    action, note);
            accessChanged.run();
            return AdminApi.ok(view(decided));
        }
        return null;
    }

    /**
     * Brings the organization to what {@code action} says: none, throttled, or suspended. Only a
     * suspension this case made is reversed; one made for another reason (screening) stands.
     */
    private void enforce(String actor, String orgId, String before, String action, String note) throws Exception {
        Organization org = store.organization(orgId).orElseThrow(() -> new AccessStore.NotFound(
                "organization " + orgId + " does not exist"));
        if (action.equals("none")) {
            store.removeLimits(actor, LimitRule.Scope.THROTTLE, orgId, LimitRule.ALL_MODELS);
        } else {
            LiveMonitor.throttle(store, actor, orgId, throttleRequestsPerMinute);
        }
        if (action.equals("suspend") && org.state() == OrgState.VERIFIED) {
            store.changeState(actor, orgId, OrgState.SUSPENDED, "review: " + note);
        } else if (!action.equals("suspend") && before.equals("suspend") && org.state() == OrgState.SUSPENDED) {
            store.changeState(actor, orgId, OrgState.VERIFIED, "review: " + note);
        }
    }

    private ObjectNode verdict(Verdict v) throws Exception {
        return LiveMonitor.evidence(v).put("org", v.org()).put("verdict", monitor.level(v).id());
    }

    private static ObjectNode view(MonitorCase c) {
        ObjectNode out = JSON.createObjectNode().put("id", c.id()).put("org", c.orgId())
                .put("opened_at", c.openedAt().toString()).put("updated_at", c.updatedAt().toString())
                .put("risk", c.risk()).put("verdict", c.verdict()).put("tier", c.tier()).put("action", c.action())
                .put("status", c.status()).put("reviewer", c.reviewer()).put("note", c.note())
                .put("decided_at", c.decidedAt() == null ? null : c.decidedAt().toString());
        try {
            out.set("evidence", JSON.readTree(c.evidence()));
        } catch (java.io.IOException e) {
            out.put("evidence", c.evidence());
        }
        return out;
    }
}
