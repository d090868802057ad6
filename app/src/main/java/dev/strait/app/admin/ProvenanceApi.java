package dev.strait.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.provenance.dataset.DatasetFormat;
import dev.strait.provenance.dataset.DatasetReader;
import dev.strait.provenance.index.MatchRules;
import dev.strait.provenance.index.ProvenanceIndex;
import dev.strait.provenance.index.PurgeResult;
import dev.strait.provenance.report.EvidenceJson;
import dev.strait.store.audit.AuditLog;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * {@code /admin/provenance/…}: which customers generated a text or a dataset, answered from the
 * node's live index, and the erasure of an organization's signatures, audited.
 */
public final class ProvenanceApi implements AdminSection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProvenanceIndex index;
    private final AuditLog audit;
    private final EvidenceJson evidence;

    public ProvenanceApi(ProvenanceIndex index, AuditLog audit, Clock clock) {
        this.index = index;
        this.audit = audit;
        this.evidence = new EvidenceJson(clock);
    }

    @Override
    public AdminApi.Reply route(HttpMethod method, String[] parts, HttpServerRequest request, Buffer body, String actor)
            throws Exception {
        if (parts.length < 3 || !parts[1].equals("provenance")) {
            return null;
        }
        if (parts.length == 3 && parts[2].equals("search") && method == HttpMethod.POST) {
            JsonNode in = AdminApi.json(body);
            String text = AdminApi.text(in, "text");
            int limit = in.path("limit").asInt(20);
            return AdminApi.ok(evidence.search(text, index.search(text, Math.max(1, Math.min(limit, 1_000))),
                    index.stats().generations(), MatchRules.DEFAULT));
        }
        if (parts.length == 3 && parts[2].equals("attribute") && method == HttpMethod.POST) {
            String format = AdminApi.required(request, "format").toUpperCase(Locale.ROOT);
            DatasetFormat parsed;
            try {
                parsed = DatasetFormat.valueOf(format);
            } catch (IllegalArgumentException e) {
                throw new AdminApi.BadRequest("format must be jsonl, csv or text");
            }
            String name = request.getParam("name") == null ? "upload" : request.getParam("name");
            List<String> records = new DatasetReader().read(body.toString(StandardCharsets.UTF_8), parsed, Path.of(name));
            return AdminApi.ok(evidence.attribution(name, EvidenceJson.sha256(body.getBytes()), index.attribute(records)));
        }
        if (parts.length == 4 && parts[2].equals("orgs") && method == HttpMethod.DELETE) {
            PurgeResult result = index.deleteOrganization(parts[3]);
            audit.append(actor, "provenance.erase", parts[3], "removed=" + result.removed() + "; reason="
                    + result.reason());
            ObjectNode out = JSON.createObjectNode().put("org", parts[3]).put("removed", result.removed())
                    .put("remaining", result.remaining());
            return AdminApi.ok(out);
        }
        if (parts.length == 3 && parts[2].equals("stats") && method == HttpMethod.GET) {
            var stats = index.stats();
            return AdminApi.ok(JSON.valueToTree(stats));
        }
        return null;
    }
}
