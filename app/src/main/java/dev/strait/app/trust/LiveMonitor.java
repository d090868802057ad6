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
    public void accept(ServedRequest served) {
        accept(served, ResponseText.of(served));
    }

    /** As {@link #accept(ServedRequest)}, with the answer already read out of the response. */
    public synchronized void accept(ServedRequest served, ResponseText answer) {
        engine.observe(event(served, answer));
        touched.add(served.orgId());
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
        // one pass over every organization (clusters need them all), then act on those seen
        for (Verdict verdict : engine.verdicts()) {
            if (!orgs.contains(verdict.org())) {
                continue;
            }
            try {
                act(verdict);
            } catch (Exception e) {
                log.write(log.line("warn", "monitoring could not act on a verdict").put("org", verdict.org())
                        .put("error", e.toString()));
            }
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
        return engine.config().ladders().getOrDefault(tier, engine.config().ladders().get("standard"));
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
    public static void throttle(AccessStore store, String actor, String orgId, int requestsPerMinute) throws Exception {
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
    /**
     * The served request as the engine's event: the body read by the trace parser's own body reader,
     * the answer reduced to what a trace line's {@code response} holds. No text is kept.
     */
    public static TraceEvent event(ServedRequest served, ResponseText answer) {
        return new TraceEvent(served.id(), served.at().toEpochMilli(), served.orgId(), served.keyId(),
                served.market(), served.clientIp(), served.userAgent(), served.endpoint(),
                TraceLineParser.request(served.requestBody()),
                TraceEvent.Response.of(served.status(), answer.finishReason(), (int) served.inputTokens(),
                        (int) served.outputTokens(), answer.toolCalls() > 0));
    }

}
