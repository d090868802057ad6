package dev.strait.app.trust;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.access.LimitRule;
import dev.strait.core.access.OrgState;
import dev.strait.core.access.Organization;
import dev.strait.core.policy.Market;
import dev.strait.core.policy.Policy;
import dev.strait.gateway.observe.JsonLog;
import dev.strait.gateway.traffic.ResponseText;
import dev.strait.gateway.traffic.ServedRequest;
import dev.strait.monitor.engine.MonitorEngine;
import dev.strait.monitor.risk.Evidence;
import dev.strait.monitor.risk.Ladder;
import dev.strait.monitor.risk.Level;
import dev.strait.monitor.risk.Verdict;
import dev.strait.monitor.trace.TraceEvent;
import dev.strait.monitor.trace.TraceLineParser;
import dev.strait.store.access.AccessStore;
import dev.strait.store.monitor.MonitorCase;
import dev.strait.store.monitor.MonitorCases;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The monitoring engine on the live path. Each served request becomes a trace line and goes
 * through the very parser and engine that {@code strait monitor replay} uses. Every few seconds the
 * organizations seen since are judged against their market's scrutiny tier, and the enforcement
 * ladder acts: {@code review} opens a case in the review queue, {@code throttle} adds a throttle rule
 * (a limit beside the operator's), {@code suspend} suspends the organization. Each action is audited;
 * a reviewer can reverse it. An organization a reviewer cleared is left alone until its level rises
 * above the one that was cleared.
 */
public final class LiveMonitor implements Consumer<ServedRequest> {

    /**
     * How the ladder acts. Automatic enforcement climbs one rung at a time: an organization judged
     * {@code suspend} is throttled first, and suspended only if it still is {@code suspendAfter} later,
     * which leaves a reviewer time to step in before the strongest action.
     */
    public record Enforcement(boolean automatic, int throttleRequestsPerMinute, Duration evaluateEvery,
            Duration suspendAfter) {
        public static final Enforcement DEFAULT = new Enforcement(true, 10, Duration.ofSeconds(5), Duration.ofHours(1));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MonitorEngine engine;
    private final int minRequests;
    private final TraceLineParser parser = new TraceLineParser();
    private final Supplier<Policy> policy;
    private final AccessStore store;
    private final MonitorCases cases;
    private final Enforcement enforcement;
    private final JsonLog log;
    private final Clock clock;
    private final Set<String> touched = new HashSet<>();
    private Instant lastEvaluation;

    /** @param minRequests below this many requests, an organization outside any cluster is at most watched */
    public LiveMonitor(MonitorEngine engine, int minRequests, Supplier<Policy> policy, AccessStore store,
            MonitorCases cases, Enforcement enforcement, JsonLog log, Clock clock) {
        this.engine = engine;
        this.minRequests = minRequests;
        this.policy = policy;
        this.store = store;
        this.cases = cases;
        this.enforcement = enforcement;
        this.log = log;
        this.clock = clock;
        this.lastEvaluation = clock.instant();
    }

    public MonitorEngine engine() {
        return engine;
    }

    public Duration evaluateEvery() {
        return enforcement.evaluateEvery();
    }

    /** On the traffic worker: one request in; now and then, judgement. */
    @Override
    public synchronized void accept(ServedRequest served) {
        byte[] line = traceLine(served).toString().getBytes(StandardCharsets.UTF_8);
        try {
            TraceEvent event = parser.parse(line, 0, line.length);
            engine.observe(event);
            touched.add(served.orgId());
        } catch (TraceLineParser.BadRecordException e) {
            log.write(log.line("warn", "monitoring skipped a request it could not read").put("request_id", served.id())
                    .put("error", e.getMessage()));
        }
        if (Duration.between(lastEvaluation, clock.instant()).compareTo(enforcement.evaluateEvery()) >= 0) {
            evaluate();
        }
    }

    /**
     * One request's features, extracted on the replica that served it (they come over the event bus):
     * the same as {@link #accept(ServedRequest)} without the text ever reaching this node.
     */
    public synchronized void accept(dev.strait.monitor.features.RequestFeatures features) {
        engine.accept(features);
        touched.add(features.org());
        if (Duration.between(lastEvaluation, clock.instant()).compareTo(enforcement.evaluateEvery()) >= 0) {
            evaluate();
        }
    }

    /** Judges the organizations seen since the last time, and acts on each. */
    public synchronized void evaluate() {
        lastEvaluation = clock.instant();
        Set<String> orgs = Set.copyOf(touched);
        touched.clear();
        for (String org : orgs) {
            engine.verdict(org).ifPresent(verdict -> {
                try {
                    act(verdict);
                } catch (Exception e) {
                    log.write(log.line("warn", "monitoring could not act on a verdict").put("org", org)
                            .put("error", e.toString()));
                }
            });
        }
    }

    /** The verdict's level under the tier its market is under now (policy reloads apply at once). */
    public Level level(Verdict verdict) throws java.sql.SQLException {
        Level level = ladder(verdict.org()).level(verdict.risk());
        boolean fewRequests = verdict.requests() < minRequests && verdict.cluster().isEmpty();
        return fewRequests && level.compareTo(Level.WATCH) > 0 ? Level.WATCH : level;
    }

    private Ladder ladder(String orgId) throws java.sql.SQLException {
        String tier = store.organization(orgId).map(Organization::market)
                .map(m -> policy.get().markets().get(m)).map(Market::monitoringTier).orElse("standard");
        return Ladder.DEFAULTS.getOrDefault(tier, Ladder.STANDARD);
    }

    private void act(Verdict verdict) throws Exception {
        Level level = level(verdict);
        if (level.compareTo(Level.REVIEW) < 0) {
            return;
        }
        Optional<MonitorCase> cleared = cases.lastDismissed(verdict.org());
        if (cleared.isPresent() && level.compareTo(Level.of(cleared.get().verdict())) <= 0) {
            return;
        }
        MonitorCase open = cases.openCase(verdict.org()).orElse(null);
        String current = open == null ? "none" : open.action();
        String action = current;
        if (enforcement.automatic() && level.compareTo(Level.THROTTLE) >= 0 && current.equals("none")) {
            action = "throttle";
        } else if (enforcement.automatic() && level == Level.SUSPEND && current.equals("throttle")
                && !open.escalatedAt().plus(enforcement.suspendAfter()).isAfter(clock.instant())) {
            action = "suspend";
        }
        String tier = ladder(verdict.org()).tier();
        cases.report(verdict.org(), BigDecimal.valueOf(verdict.risk()).setScale(5, RoundingMode.HALF_UP), level.id(),
                tier, evidence(verdict).toString(), action);
        Organization org = store.organization(verdict.org()).orElse(null);
        if (org == null) {
            return;
        }
        if (action.equals("throttle") || action.equals("suspend")) {
            throttle(store, "monitor", verdict.org(), enforcement.throttleRequestsPerMinute());
        }
        if (action.equals("suspend") && org.state() == OrgState.VERIFIED) {
            store.changeState("monitor", verdict.org(), OrgState.SUSPENDED,
                    "distillation risk " + String.format("%.2f", verdict.risk()) + " (" + tier + " tier)");
        }
    }

    /** Holds an organization to a few requests a minute, beside whatever limits the operator set. */
    static void throttle(AccessStore store, String actor, String orgId, int requestsPerMinute) throws Exception {
        boolean already = store.limitsOf(LimitRule.Scope.THROTTLE, orgId).stream()
                .anyMatch(r -> r.requestsPerMinute() != null && r.requestsPerMinute() <= requestsPerMinute);
        if (!already) {
            store.setLimits(actor, new LimitRule(LimitRule.Scope.THROTTLE, orgId, LimitRule.ALL_MODELS,
                    requestsPerMinute, null, null, "USD"));
        }
    }

    /** The verdict as a reviewer reads it: risk, level, cluster, and the evidence, strongest first. */
    public static ObjectNode evidence(Verdict verdict) {
        ObjectNode out = JSON.createObjectNode().put("risk", Math.round(verdict.risk() * 10_000) / 10_000.0)
                .put("cluster", verdict.cluster()).put("requests", verdict.requests());
        var list = out.putArray("evidence");
        for (Evidence e : verdict.evidence()) {
            list.addObject().put("signal", e.signal()).put("value", Math.round(e.value() * 10_000) / 10_000.0)
                    .put("detail", e.detail());
        }
        return out;
    }

    /** The request as a line of the trace format (spec/trace-format.md), read back by the replay's parser. */
    public static ObjectNode traceLine(ServedRequest served) {
        ResponseText answer = ResponseText.of(served);
        ObjectNode line = JSON.createObjectNode().put("id", served.id()).put("ts", served.at().toString())
                .put("org", served.orgId()).put("key", served.keyId()).put("market", served.market())
                .put("endpoint", served.endpoint());
        line.putObject("client").put("ip", served.clientIp()).put("user_agent", served.userAgent());
        if (served.requestBody() != null) {
            line.set("body", served.requestBody());
        }
        ObjectNode response = line.putObject("response").put("status", served.status())
                .put("content", answer.text()).put("finish_reason", answer.finishReason());
        response.putObject("usage").put("prompt_tokens", served.inputTokens())
                .put("completion_tokens", served.outputTokens());
        if (answer.toolCalls() > 0) {
            response.putArray("tool_calls").addObject().put("type", "function");
        }
        return line;
    }

}
