package dev.strait.app.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.access.ApiKey;
import dev.strait.core.access.Organization;
import dev.strait.core.access.Project;
import dev.strait.core.policy.Market;
import dev.strait.core.policy.Policy;
import dev.strait.store.audit.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/** The JSON shapes of the admin API. A key's view never carries its hash. */
final class AdminViews {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AdminViews() {}

    static ObjectNode org(Organization org) {
        ObjectNode out = JSON.objectNode().put("id", org.id()).put("legal_name", org.legalName())
                .put("registration_number", org.registrationNumber()).put("market", org.market())
                .put("kind", org.kind().id()).put("state", org.state().id()).put("created_at", org.createdAt().toString());
        ArrayNode contacts = out.putArray("contacts");
        org.contacts().forEach(contacts::add);
        return out;
    }

    static ObjectNode org(Organization org, List<Project> projects, List<ApiKey> keys) {
        ObjectNode out = org(org);
        ArrayNode p = out.putArray("projects");
        projects.forEach(project -> p.add(project(project)));
        out.set("keys", keys(keys));
        return out;
    }

    static ObjectNode orgs(List<Organization> orgs) {
        ObjectNode out = JSON.objectNode();
        ArrayNode data = out.putArray("data");
        orgs.forEach(o -> data.add(org(o)));
        return out;
    }

    static ObjectNode limits(List<dev.strait.core.access.LimitRule> rules) {
        ObjectNode out = JSON.objectNode();
        ArrayNode data = out.putArray("data");
        rules.forEach(r -> data.add(limit(r)));
        return out;
    }

    static ObjectNode limit(dev.strait.core.access.LimitRule l) {
        ObjectNode out = JSON.objectNode().put("scope", l.scope().label()).put(l.scope().label(), l.subjectId())
                .put("model", l.model()).put("currency", l.currency());
        out.put("requests_per_minute", l.requestsPerMinute());
        out.put("tokens_per_minute", l.tokensPerMinute());
        out.put("monthly_budget", l.monthlyBudget() == null ? null : l.monthlyBudget().toPlainString());
        return out;
    }

    static ObjectNode project(Project project) {
        return JSON.objectNode().put("id", project.id()).put("org", project.orgId()).put("name", project.name());
    }

    static ObjectNode key(ApiKey key) {
        ObjectNode out = JSON.objectNode().put("id", key.id()).put("prefix", key.prefix()).put("org", key.orgId())
                .put("project", key.projectId()).put("name", key.name()).put("expires_at", text(key.expiresAt()))
                .put("revoked_at", text(key.revokedAt())).put("created_at", key.createdAt().toString());
        ArrayNode models = out.putArray("models");
        new TreeSet<>(key.models()).forEach(models::add);
        return out;
    }

    static ArrayNode keys(List<ApiKey> keys) {
        ArrayNode out = JSON.arrayNode();
        keys.forEach(k -> out.add(key(k)));
        return out;
    }

    static ObjectNode policy(Policy policy, String lastError) {
        ObjectNode out = JSON.objectNode().put("source", policy.source()).put("sha256", policy.sha256())
                .put("last_reload_error", lastError);
        ArrayNode kinds = out.putArray("customer_kinds");
        policy.customerKinds().forEach(k -> kinds.add(k.id()));
        ObjectNode markets = out.putObject("markets");
        for (Market m : policy.markets().values()) {
            ObjectNode market = markets.putObject(m.code()).put("name", m.name())
                    .put("storage", m.storage().level().id()).put("retention_days", m.storage().retentionDays())
                    .put("monitoring_tier", m.monitoringTier());
            m.vendors().forEach(market.putArray("vendors")::add);
            m.allowModels().forEach(market.putArray("allow_models")::add);
            m.denyModels().forEach(market.putArray("deny_models")::add);
            m.serveFrom().forEach(market.putArray("serve_from")::add);
        }
        return out;
    }

    static ObjectNode audit(List<AuditEntry> entries) {
        ObjectNode out = JSON.objectNode();
        ArrayNode data = out.putArray("data");
        for (AuditEntry e : entries) {
            data.addObject().put("seq", e.seq()).put("at", e.at().toString()).put("actor", e.actor())
                    .put("action", e.action()).put("subject", e.subject()).put("detail", e.detail())
                    .put("prev_hash", e.prevHash()).put("hash", e.hash());
        }
        return out;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
