package dev.strait.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.app.cli.ScreenCommand;
import dev.strait.app.trust.ScreeningGate;
import dev.strait.core.access.Organization;
import dev.strait.screening.ScreeningQuery;
import dev.strait.store.screening.Screening;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * {@code /admin/screening/…}: an organization's screenings, a reviewer's resolution of a hit (with
 * a reason, audited), ad hoc checks, and a reload of the lists that screens everyone again. It is
 * also the gate on creating and verifying organizations.
 */
public final class ScreeningApi implements AdminSection, OrgGate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScreeningGate gate;

    public ScreeningApi(ScreeningGate gate) {
        this.gate = gate;
    }

    @Override
    public void created(Organization org) throws Exception {
        gate.screen(org, "onboarding");
    }

    @Override
    public void beforeVerification(String orgId) throws Exception {
        gate.checkVerification(orgId);
    }

    @Override
    public AdminApi.Reply route(HttpMethod method, String[] parts, HttpServerRequest request, Buffer body, String actor)
            throws Exception {
        if (parts.length < 3 || !parts[1].equals("screening")) {
            return null;
        }
        if (parts.length == 3 && parts[2].equals("check") && method == HttpMethod.POST) {
            JsonNode in = AdminApi.json(body);
            ScreeningQuery query = new ScreeningQuery(AdminApi.text(in, "name"), in.path("country").asText(null),
                    in.path("address").asText(null), in.hasNonNull("identifier") ? List.of(in.get("identifier").asText())
                    : List.of());
            return AdminApi.ok(gate.check(query).map(r -> (JsonNode) ScreenCommand.render(r))
                    .orElseThrow(() -> new AdminApi.BadRequest("no denied-party lists are configured (screening.lists)")));
        }
        if (parts.length == 3 && parts[2].equals("reload") && method == HttpMethod.POST) {
            if (!gate.enabled()) {
                throw new AdminApi.BadRequest("no denied-party lists are configured (screening.lists)");
            }
            return AdminApi.ok(gate.reload());
        }
        if (parts.length == 4 && parts[2].equals("orgs") && method == HttpMethod.GET) {
            ObjectNode out = JSON.createObjectNode().put("org", parts[3]);
            var data = out.putArray("data");
            for (Screening s : gate.screenings().of(parts[3])) {
                data.add(view(s));
            }
            return AdminApi.ok(out);
        }
        if (parts.length == 4 && parts[3].equals("resolve") && method == HttpMethod.POST) {
            JsonNode in = AdminApi.json(body);
            String resolution = AdminApi.text(in, "resolution");
            if (!resolution.equals("cleared") && !resolution.equals("confirmed")) {
                throw new AdminApi.BadRequest("resolution must be 'cleared' (not the listed party) or 'confirmed'");
            }
            return AdminApi.ok(view(gate.screenings().resolve(parts[2], actor, resolution, AdminApi.text(in, "reason"))));
        }
        return null;
    }

    static ObjectNode view(Screening s) {
        ObjectNode out = JSON.createObjectNode().put("id", s.id()).put("org", s.orgId())
                .put("screened_at", s.screenedAt().toString()).put("trigger", s.trigger()).put("decision", s.decision())
                .put("top_score", s.topScore()).put("status", s.status()).put("resolution", s.resolution())
                .put("reviewer", s.reviewer()).put("reason", s.reason())
                .put("resolved_at", s.resolvedAt() == null ? null : s.resolvedAt().toString())
                .put("blocks_verification", s.blocksVerification());
        try {
            out.set("result", JSON.readTree(s.result()));
        } catch (java.io.IOException e) {
            out.put("result", s.result());
        }
        return out;
    }

}
