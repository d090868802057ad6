package dev.strait.app.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.app.control.PolicyHolder;
import dev.strait.core.access.OrgKind;
import dev.strait.core.access.OrgState;
import dev.strait.core.access.Organization;
import dev.strait.core.deploy.Catalog;
import dev.strait.core.policy.Decision;
import dev.strait.core.policy.Market;
import dev.strait.core.policy.Policy;
import dev.strait.gateway.admin.AdminRoutes;
import dev.strait.gateway.route.Routing;
import dev.strait.store.report.UsageSeries;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the console draws that the rest of the admin API does not answer: the ledger as bucketed
 * time series ({@code GET /admin/usage/series?bucket=1m&period=1h&org=}, or {@code from=&to=} instants; the
 * period ends at the next whole minute), the entitlement matrix
 * of every model in every market with the rule deciding each cell and the regions that would serve
 * it ({@code GET /admin/policy/matrix}), and the deployments with their health.
 */
public final class ConsoleDataApi implements AdminSection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UsageSeries series;
    private final PolicyHolder policy;
    private final Supplier<Routing> routing;
    private final Clock clock;

    public ConsoleDataApi(UsageSeries series, PolicyHolder policy, Supplier<Routing> routing, Clock clock) {
        this.series = series;
        this.policy = policy;
        this.routing = routing;
        this.clock = clock;
    }

    @Override
    public AdminApi.Reply route(HttpMethod method, String[] parts, HttpServerRequest request, Buffer body, String actor)
            throws Exception {
        if (method != HttpMethod.GET || parts.length < 2) {
            return null;
        }
        if (parts.length == 2 && parts[1].equals("deployments")) {
            return AdminApi.ok(AdminRoutes.deployments(routing.get()));
        }
        if (parts.length == 3 && parts[1].equals("usage") && parts[2].equals("series")) {
            return AdminApi.ok(series(request));
        }
        if (parts.length == 3 && parts[1].equals("policy") && parts[2].equals("matrix")) {
            return AdminApi.ok(matrix(policy.get(), routing.get().current().catalog()));
        }
        return null;
    }

    private ObjectNode series(HttpServerRequest request) throws Exception {
        Duration bucket = bucket(request.getParam("bucket") == null ? "60s" : request.getParam("bucket"));
        Instant to = request.getParam("to") != null ? Instant.parse(request.getParam("to"))
                : clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant from = request.getParam("from") != null ? Instant.parse(request.getParam("from"))
                : to.minus(request.getParam("period") != null ? bucket(request.getParam("period")) : Duration.ofHours(1));
        List<UsageSeries.Bucket> buckets;
        try {
            buckets = series.series(from, to, bucket, request.getParam("org"));
        } catch (IllegalArgumentException e) {
            throw new AdminApi.BadRequest(e.getMessage());
        }
        ObjectNode out = JSON.createObjectNode().put("from", from.toString()).put("to", to.toString())
                .put("bucket_seconds", bucket.toSeconds()).put("org", request.getParam("org"));
        ArrayNode data = out.putArray("data");
        for (UsageSeries.Bucket b : buckets) {
            ObjectNode row = data.addObject().put("start", b.start().toString()).put("requests", b.requests())
                    .put("errors", b.errors()).put("p50_ms", b.p50Millis()).put("p95_ms", b.p95Millis())
                    .put("input_tokens", b.inputTokens()).put("output_tokens", b.outputTokens());
            ObjectNode revenue = row.putObject("revenue");
            b.revenue().forEach((currency, amount) -> revenue.put(currency, amount.toPlainString()));
        }
        return out;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}. */
    static Duration bucket(String text) {
        if (!text.matches("[1-9][0-9]{0,5}[smhd]")) {
            throw new AdminApi.BadRequest("bucket and period are a number and a unit: 30s, 5m, 1h, 1d");
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Each cell is what the policy engine decides for a verified enterprise of that market. */
    static ObjectNode matrix(Policy policy, Catalog catalog) {
        ObjectNode out = JSON.createObjectNode().put("source", policy.source()).put("sha256", policy.sha256());
        ArrayNode markets = out.putArray("markets");
        for (Market m : policy.markets().values()) {
            ObjectNode market = markets.addObject().put("code", m.code()).put("name", m.name())
                    .put("storage", m.storage().level().id()).put("retention_days", m.storage().retentionDays())
                    .put("monitoring_tier", m.monitoringTier());
            m.serveFrom().forEach(market.putArray("serve_from")::add);
        }
        ArrayNode models = out.putArray("models");
        ArrayNode cells = out.putArray("cells");
        for (String model : catalog.models().stream().sorted().toList()) {
            models.addObject().put("model", model).put("vendor", policy.vendorOf(model));
            for (Market m : policy.markets().values()) {
                Organization probe = new Organization("matrix", "matrix", null, m.code(), OrgKind.ENTERPRISE,
                        OrgState.VERIFIED, List.of(), Instant.EPOCH);
                Decision d = policy.evaluate(probe, model);
                ObjectNode cell = cells.addObject().put("model", model).put("market", m.code())
                        .put("decision", d.allowed() ? "allow" : "deny").put("code", d.code()).put("rule", d.rule())
                        .put("reason", d.reason());
                ArrayNode regions = cell.putArray("regions");
                catalog.deploymentsOf(model).stream().map(dep -> dep.region()).distinct()
                        .filter(m.serveFrom()::contains).forEach(regions::add);
                if (d.allowed() && regions.isEmpty()) {
                    cell.put("decision", "deny").put("code", "region_unavailable").put("rule", m.where("serve_from"));
                }
            }
        }
        return out;
    }
}
