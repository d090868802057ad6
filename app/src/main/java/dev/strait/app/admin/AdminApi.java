package dev.strait.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.app.control.AccessRefresher;
import dev.strait.app.control.PolicyHolder;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.LimitRule;
import dev.strait.core.access.OrgState;
import dev.strait.core.access.Organization;
import dev.strait.core.deploy.Catalog;
import dev.strait.core.policy.Decision;
import dev.strait.core.policy.Market;
import dev.strait.store.access.AccessStore;
import dev.strait.store.audit.AuditLog;
import dev.strait.store.ledger.Ledger;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The operator's API for organizations, keys, policy and the audit chain (behind the admin token,
 * which the gateway's admin listener checks first). Database work runs on worker threads; the
 * event loop only routes. Every change refreshes this replica's snapshot before it answers, so
 * the answer is already in force here; other replicas follow within their poll interval.
 */
public final class AdminApi implements Handler<HttpServerRequest> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final AccessStore store;
    private final AuditLog audit;
    private final AccessRefresher access;
    private final PolicyHolder policy;
    private final Supplier<Catalog> catalog;
    private final Ledger ledger;
    private final dev.strait.store.report.Reports reports;
    private final java.util.List<AdminSection> sections = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile OrgGate gate = OrgGate.OPEN;
    private volatile AdminGuard guard = AdminGuard.TOKEN_CHECKED;

    public AdminApi(Vertx vertx, AccessStore store, AuditLog audit, AccessRefresher access, PolicyHolder policy,
            Supplier<Catalog> catalog, Ledger ledger, dev.strait.store.report.Reports reports) {
        this.ledger = ledger;
        this.reports = reports;
        this.vertx = vertx;
        this.store = store;
        this.audit = audit;
        this.access = access;
        this.policy = policy;
        this.catalog = catalog;
    }

    /** What creation and verification of organizations must pass (screening). */
    public AdminApi gate(OrgGate gate) {
        this.gate = gate;
        return this;
    }

    /** Who may call which route (the admin token, operators' sessions and their roles). */
    public AdminApi guard(AdminGuard guard) {
        this.guard = guard;
        return this;
    }

    /** Adds the routes of another concern (provenance, monitoring, screening), tried before the built-in ones. */
    public AdminApi with(AdminSection section) {
        sections.add(section);
        return this;
    }

    /** An answer: status and JSON body, or a CSV body instead. */
    public record Reply(int status, JsonNode body, String csv) {
        public Reply(int status, JsonNode body) {
            this(status, body, null);
        }
    }

    /** A refusal the caller can act on. */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message);
        }
    }

    @Override
    public void handle(HttpServerRequest request) {
        request.body().onComplete(body -> {
            if (body.failed()) {
                return;
            }
            vertx.executeBlocking(() -> {
                AdminGuard.Admission admitted = request.path().equals("/openapi.json")
                        ? AdminGuard.Admission.of("anonymous")
                        : guard.admit(request.method(), request.path().substring(1).split("/"), request);
                return admitted.refusal() != null ? admitted.refusal()
                        : route(request.method(), request.path(), request, body.result(), admitted.actor());
            }, false)
                    .onComplete(result -> {
                        Reply reply = result.succeeded() ? result.result() : failure(result.cause());
                        if (reply.csv() != null) {
                            request.response().setStatusCode(reply.status())
                                    .putHeader("content-type", "text/csv; charset=utf-8").end(reply.csv());
                        } else {
                            request.response().setStatusCode(reply.status())
                                    .putHeader("content-type", "application/json").end(reply.body().toString());
                        }
                    });
        });
    }

    private Reply route(HttpMethod method, String path, HttpServerRequest request, Buffer body, String actor)
            throws Exception {
        if (path.equals("/openapi.json")) {
            try (var in = AdminApi.class.getResourceAsStream("/admin-openapi.json")) {
                return ok(JSON.readTree(in));
            }
        }
        String[] parts = path.substring(1).split("/");
        // parts[0] is "admin".
        for (AdminSection section : sections) {
            Reply reply = section.route(method, parts, request, body, actor);
            if (reply != null) {
                return reply;
            }
        }
        if (parts.length == 2 && parts[1].equals("orgs")) {
            return method == HttpMethod.POST ? changed(201, () -> createOrg(json(body), actor))
                    : ok(AdminViews.orgs(store.organizations()));
        }
        if (parts.length == 4 && parts[3].equals("limits")) {
            LimitRule.Scope scope = switch (parts[1]) {
                case "orgs" -> LimitRule.Scope.ORGANIZATION;
                case "projects" -> LimitRule.Scope.PROJECT;
                case "keys" -> LimitRule.Scope.KEY;
                default -> null;
            };
            if (scope != null && method == HttpMethod.GET) {
                return ok(AdminViews.limits(store.limitsOf(scope, parts[2])));
            }
            if (scope != null && method == HttpMethod.POST) {
                LimitRule rule = limitRule(scope, parts[2], json(body));
                return changed(200, () -> AdminViews.limit(store.setLimits(actor, rule)));
            }
        }
        if (parts.length >= 3 && parts[1].equals("orgs")) {
            String orgId = parts[2];
            if (parts.length == 3 && method == HttpMethod.GET) {
                Organization org = store.organization(orgId).orElseThrow(() -> new AccessStore.NotFound(
                        "organization " + orgId + " does not exist"));
                return ok(AdminViews.org(org, store.projectsOf(orgId), store.keysOf(orgId)));
            }
            if (parts.length == 4 && parts[3].equals("state") && method == HttpMethod.POST) {
                JsonNode in = json(body);
                OrgState next = enumValue(text(in, "state"), OrgState::of, "state", "pending, verified, rejected, suspended");
                if (next == OrgState.VERIFIED) {
                    gate.beforeVerification(orgId);
                }
                return changed(200, () -> AdminViews.org(store.changeState(actor, orgId, next, in.path("reason").asText(""))));
            }
            if (parts.length == 4 && parts[3].equals("projects") && method == HttpMethod.POST) {
                JsonNode in = json(body);
                return changed(201, () -> AdminViews.project(store.createProject(actor, orgId, text(in, "name"))));
            }
        }
        if (parts.length == 2 && parts[1].equals("keys")) {
            if (method == HttpMethod.POST) {
                return changed(201, () -> createKey(json(body), actor));
            }
            String org = request.getParam("org");
            if (org == null) {
                throw new BadRequest("query parameter 'org' is required");
            }
            return ok(AdminViews.keys(store.keysOf(org)));
        }
        if (parts.length == 4 && parts[1].equals("keys") && parts[3].equals("revoke") && method == HttpMethod.POST) {
            return changed(200, () -> AdminViews.key(store.revokeKey(actor, parts[2])));
        }
        if (parts.length == 3 && parts[1].equals("usage") && parts[2].equals("requests")) {
            int limit = request.getParam("limit") == null ? 1000 : Integer.parseInt(request.getParam("limit"));
            ObjectNode out = JSON.createObjectNode();
            ledger.requestIdsOf(required(request, "org"), Math.min(limit, 100_000)).forEach(out.putArray("request_ids")::add);
            return ok(out);
        }
        if (parts.length == 3 && parts[1].equals("reports")) {
            return report(parts[2], request);
        }
        if (parts.length == 2 && parts[1].equals("policy")) {
            return ok(AdminViews.policy(policy.get(), policy.lastError()));
        }
        if (parts.length == 3 && parts[1].equals("policy") && parts[2].equals("reload") && method == HttpMethod.POST) {
            PolicyHolder.Outcome outcome = policy.reload(actor);
            ObjectNode out = JSON.createObjectNode().put("changed", outcome.changed()).put("sha256", outcome.sha256())
                    .put("error", outcome.error());
            return new Reply(outcome.error() == null ? 200 : 422, out);
        }
        if (parts.length == 3 && parts[1].equals("policy") && parts[2].equals("check")) {
            return ok(check(required(request, "org"), required(request, "model")));
        }
        if (parts.length == 2 && parts[1].equals("audit")) {
            long after = request.getParam("after") == null ? 0 : Long.parseLong(request.getParam("after"));
            return ok(AdminViews.audit(audit.list(after, 1000)));
        }
        if (parts.length == 3 && parts[1].equals("audit") && parts[2].equals("verify")) {
            AuditLog.Verification v = audit.verify();
            ObjectNode out = JSON.createObjectNode().put("intact", v.intact()).put("entries", v.entries())
                    .put("anchored_seq", v.anchoredSeq());
            if (!v.intact()) {
                out.put("first_broken_seq", v.firstBrokenSeq()).put("problem", v.problem());
            }
            return ok(out);
        }
        return new Reply(404, error("not_found", "no admin route " + method + " " + path));
    }

    private Reply report(String name, HttpServerRequest request) throws Exception {
        boolean csv = "csv".equals(request.getParam("format"));
        java.time.YearMonth thisMonth = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        String from = request.getParam("from") != null ? request.getParam("from") : thisMonth.atDay(1).toString();
        String to = request.getParam("to") != null ? request.getParam("to") : thisMonth.plusMonths(1).atDay(1).toString();
        java.time.Instant fromInstant = java.time.LocalDate.parse(from).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        java.time.Instant toInstant = java.time.LocalDate.parse(to).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        switch (name) {
            case "usage" -> {
                String by = request.getParam("by") == null ? "market" : request.getParam("by");
                String column = switch (by) {
                    case "market", "model" -> by;
                    case "org" -> "org_id";
                    default -> throw new BadRequest("'by' must be market, org or model");
                };
                var rows = reports.usage(column, fromInstant, toInstant);
                return csv ? new Reply(200, null, ReportViews.usageCsv(by, rows))
                        : ok(ReportViews.usage(by, from, to, rows));
            }
            case "top-customers" -> {
                int limit = request.getParam("limit") == null ? 10 : Integer.parseInt(request.getParam("limit"));
                var rows = reports.topCustomers(fromInstant, toInstant, limit);
                return csv ? new Reply(200, null, ReportViews.usageCsv("org", rows))
                        : ok(ReportViews.usage("org", from, to, rows));
            }
            case "statement" -> {
                String month = request.getParam("month") != null ? request.getParam("month") : thisMonth.toString();
                var statement = reports.statement(required(request, "org"), java.time.YearMonth.parse(month));
                return csv ? new Reply(200, null, ReportViews.statementCsv(statement)) : ok(ReportViews.statement(statement));
            }
            default -> {
                return new Reply(404, error("not_found", "no report named " + name + " (usage, top-customers, statement)"));
            }
        }
    }

    private JsonNode createOrg(JsonNode in, String actor) throws Exception {
        String market = text(in, "market");
        if (!policy.get().markets().containsKey(market)) {
            throw new BadRequest("market '" + market + "' is not in the policy (markets: "
                    + String.join(", ", policy.get().markets().keySet()) + ")");
        }
        OrgKind kind = enumValue(text(in, "kind"), OrgKind::of, "kind", "enterprise, individual");
        List<String> contacts = new ArrayList<>();
        in.path("contacts").forEach(c -> contacts.add(c.asText()));
        Organization org = store.createOrganization(actor, text(in, "legal_name"),
                in.path("registration_number").asText(null), market, kind, contacts);
        gate.created(org);
        return AdminViews.org(org);
    }

    private JsonNode createKey(JsonNode in, String actor) throws Exception {
        Set<String> models = new LinkedHashSet<>();
        in.path("models").forEach(m -> models.add(m.asText()));
        Instant expires = in.hasNonNull("expires_at") ? Instant.parse(in.get("expires_at").asText()) : null;
        AccessStore.CreatedKey created = store.createKey(actor, text(in, "org"), in.path("project").asText(null),
                in.path("name").asText("default"), models, expires);
        ObjectNode view = AdminViews.key(created.key());
        view.put("key", created.secret());
        view.put("note", "This is the only time the key is shown. Store it now.");
        return view;
    }

    private JsonNode check(String orgId, String model) throws Exception {
        Organization org = store.organization(orgId).orElseThrow(() -> new AccessStore.NotFound(
                "organization " + orgId + " does not exist"));
        Catalog current = catalog.get();
        String resolved = current.resolve(model).orElse(model);
        Decision decision = policy.get().evaluate(org, resolved);
        ObjectNode out = JSON.createObjectNode().put("org", orgId).put("market", org.market()).put("model", resolved)
                .put("decision", decision.allowed() ? "allow" : "deny").put("code", decision.code())
                .put("reason", decision.reason()).put("rule", decision.rule());
        Market market = policy.get().markets().get(org.market());
        if (decision.allowed() && market != null) {
            var regions = out.putArray("serving_regions");
            current.deploymentsOf(resolved).stream().map(d -> d.region()).distinct()
                    .filter(market.serveFrom()::contains).forEach(regions::add);
            if (regions.isEmpty()) {
                out.put("decision", "deny").put("code", "region_unavailable").put("rule", market.where("serve_from"))
                        .put("reason", "No deployment of " + resolved + " is in a region permitted for market "
                                + market.code() + ".");
            }
        }
        return out;
    }

    private Reply changed(int status, Callable<JsonNode> change) throws Exception {
        JsonNode body = change.call();
        access.refresh();
        return new Reply(status, body);
    }

    public static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    private static Reply failure(Throwable cause) {
        return switch (cause) {
            case AccessStore.NotFound e -> new Reply(404, error("not_found", e.getMessage()));
            case AccessStore.Conflict e -> new Reply(409, error("conflict", e.getMessage()));
            case BadRequest e -> new Reply(400, error("invalid_request", e.getMessage()));
            case IOException e -> new Reply(400, error("invalid_json", "the body is not valid JSON"));
            case java.time.format.DateTimeParseException e -> new Reply(400, error("invalid_request",
                    "times are ISO-8601: instants such as 2027-01-01T00:00:00Z, dates such as 2027-01-01, months such as 2027-01"));
            case NumberFormatException e -> new Reply(400, error("invalid_request", "a number was expected"));
            default -> new Reply(500, error("internal_error", "the admin request failed: " + cause.getClass().getSimpleName()));
        };
    }

    public static ObjectNode error(String code, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.putObject("error").put("code", code).put("message", message);
        return out;
    }

    public static JsonNode json(Buffer body) throws IOException {
        JsonNode node = JSON.readTree(body.getBytes());
        if (node == null || !node.isObject()) {
            throw new BadRequest("the body must be a JSON object");
        }
        return node;
    }

    public static String text(JsonNode in, String field) {
        JsonNode value = in.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadRequest("field '" + field + "' is required");
        }
        return value.asText();
    }

    public static String required(HttpServerRequest request, String param) {
        String value = request.getParam(param);
        if (value == null || value.isBlank()) {
            throw new BadRequest("query parameter '" + param + "' is required");
        }
        return value;
    }

    private static <T> T enumValue(String text, java.util.function.Function<String, T> parse, String field,
            String allowed) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("field '" + field + "' must be one of " + allowed);
        }
    }

    private static LimitRule limitRule(LimitRule.Scope scope, String subject, JsonNode in) {
        for (var names = in.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!java.util.Set.of("model", "requests_per_minute", "tokens_per_minute", "monthly_budget", "currency")
                    .contains(name)) {
                throw new BadRequest("unknown field '" + name + "'; limits take model, requests_per_minute,"
                        + " tokens_per_minute, monthly_budget and currency");
            }
        }
        Integer rpm = in.hasNonNull("requests_per_minute") ? positive(in, "requests_per_minute").intValue() : null;
        Long tpm = in.hasNonNull("tokens_per_minute") ? positive(in, "tokens_per_minute") : null;
        java.math.BigDecimal budget = null;
        if (in.hasNonNull("monthly_budget")) {
            try {
                budget = new java.math.BigDecimal(in.get("monthly_budget").asText());
            } catch (NumberFormatException e) {
                throw new BadRequest("monthly_budget must be a decimal number, e.g. \"1500.00\"");
            }
            if (budget.signum() < 0) {
                throw new BadRequest("monthly_budget must not be negative");
            }
        }
        return new LimitRule(scope, subject, in.path("model").asText(LimitRule.ALL_MODELS), rpm, tpm, budget,
                in.path("currency").asText("USD"));
    }

    private static Long positive(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (!v.canConvertToLong() || v.asLong() <= 0 || (field.equals("requests_per_minute") && !v.canConvertToInt())) {
            throw new BadRequest(field + " must be a positive whole number");
        }
        return v.asLong();
    }

}
