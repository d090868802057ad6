package dev.strait.gateway.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.access.AccessSnapshot;
import dev.strait.core.deploy.Deployment;
import dev.strait.core.policy.Market;
import dev.strait.core.policy.Policy;
import dev.strait.gateway.front.Dialect;
import dev.strait.gateway.front.Endpoint;
import dev.strait.gateway.front.Route;
import dev.strait.gateway.limit.Grants;
import dev.strait.gateway.translate.TokenUsage;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * One request on its way through the stages. Lives on a single event loop, so it is plain
 * mutable state with no synchronisation; stages fill in what they decide.
 */
public final class Exchange {

    private final String id;
    private final Route route;
    private final HttpServerRequest request;
    private final long startNanos;
    private final long createdEpochSeconds;
    private ObjectNode body;
    private boolean stream;
    private String requestedModel;
    private String model;
    private AccessSnapshot.Principal principal;
    private Policy policy;
    private Market market;
    private List<Deployment> candidates = List.of();
    private Deployment servedBy;
    private int attempts;
    private TokenUsage usage = TokenUsage.NONE;
    private String failureCode;
    private String deniedBy;
    private boolean metered;
    private int bodyBytes;
    private int streamedEvents;
    private boolean capture;
    private List<String> streamedData;
    private byte[] answerBody;
    private Grants grants;
    private Runnable onCancel;
    private boolean cancelled;
    private dev.strait.gateway.facade.Facade facade;
    private boolean batch;
    private io.vertx.core.buffer.Buffer rawBody;

    public Exchange(String id, Route route, HttpServerRequest request, long startNanos, long createdEpochSeconds) {
        this.id = id;
        this.createdEpochSeconds = createdEpochSeconds;
        this.route = route;
        this.request = request;
        this.startNanos = startNanos;
    }

    public String id() {
        return id;
    }

    public Route route() {
        return route;
    }

    public Endpoint endpoint() {
        return route.endpoint();
    }

    public Dialect dialect() {
        return route.dialect();
    }

    public HttpServerRequest request() {
        return request;
    }

    public long startNanos() {
        return startNanos;
    }

    /** The {@code created} time the caller sees on answers the gateway composes itself. */
    public long createdEpochSeconds() {
        return createdEpochSeconds;
    }

    /** The parsed request body; null for requests without one. */
    public ObjectNode body() {
        return body;
    }

    public void body(ObjectNode body, int bytes) {
        this.body = body;
        this.bodyBytes = bytes;
        this.stream = body != null && body.path("stream").asBoolean(false);
    }

    /** The request body's size on the wire: an upper bound on its tokens. */
    public int bodyBytes() {
        return bodyBytes;
    }

    /** Events written to the caller's stream: a proxy for output tokens when the provider reported none. */
    public int streamedEvents() {
        return streamedEvents;
    }

    /** Counts an event streamed to the caller, and keeps its data when the response is captured. */
    public void streamed(dev.strait.core.sse.SseEvent event) {
        streamedEvents++;
        if (capture) {
            if (streamedData == null) {
                streamedData = new java.util.ArrayList<>();
            }
            streamedData.add(event.data());
        }
    }

    /** Keep the response for the work done after the answer (monitoring, provenance). */
    public void capture(boolean capture) {
        this.capture = capture;
    }

    public boolean capturing() {
        return capture;
    }

    /** The data of every event streamed to the caller, when captured; else null. */
    public List<String> streamedData() {
        return streamedData;
    }

    /** The non-streamed answer, when captured; else null. */
    public byte[] answerBody() {
        return answerBody;
    }

    public void answerBody(byte[] body) {
        if (capture) {
            this.answerBody = body;
        }
    }

    /** What the request took from its token limits and budgets, or null when none hold it. */
    public Grants grants() {
        return grants;
    }

    public void grants(Grants grants) {
        this.grants = grants;
    }

    /** Whether the body set last asks for a stream (read once: every stage and the meter ask). */
    public boolean stream() {
        return stream;
    }

    /** Whether the caller asked for the usage chunk at the end of an OpenAI stream. */
    public boolean clientWantsStreamUsage() {
        return body != null && body.path("stream_options").path("include_usage").asBoolean(false);
    }

    public String requestedModel() {
        return requestedModel;
    }

    public void requestedModel(String requestedModel) {
        this.requestedModel = requestedModel;
    }

    /** The public model after aliases; null until routing resolved it. */
    public String model() {
        return model;
    }

    public void model(String model) {
        this.model = model;
    }

    /** Who is asking: the key and its organization; null until authenticated. */
    public AccessSnapshot.Principal principal() {
        return principal;
    }

    public void principal(AccessSnapshot.Principal principal) {
        this.principal = principal;
    }

    /** The policy this exchange is judged by: one snapshot from admission to routing. */
    public Policy policy() {
        return policy;
    }

    /** The caller's market; null until admitted. */
    public Market market() {
        return market;
    }

    public void admitted(Policy policy, Market market) {
        this.policy = policy;
        this.market = market;
    }

    public List<Deployment> candidates() {
        return candidates;
    }

    public void candidates(List<Deployment> candidates) {
        this.candidates = candidates;
    }

    public Deployment servedBy() {
        return servedBy;
    }

    public void servedBy(Deployment servedBy) {
        this.servedBy = servedBy;
    }

    public int attempts() {
        return attempts;
    }

    public void countAttempt() {
        attempts++;
    }

    public TokenUsage usage() {
        return usage;
    }

    public void usage(TokenUsage usage) {
        this.usage = usage;
    }

    /** What to undo when the caller goes away: the upstream request in flight, if any. */
    public void onCancel(Runnable action) {
        this.onCancel = action;
    }

    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        if (onCancel != null) {
            onCancel.run();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** True the first time only: a usage record is written once per exchange. */
    public boolean markMetered() {
        if (metered) {
            return false;
        }
        metered = true;
        return true;
    }

    /** The policy rule that refused this exchange, for the log; null when none did. */
    public String deniedBy() {
        return deniedBy;
    }

    public void deniedBy(String rule) {
        this.deniedBy = rule;
    }

    public String failureCode() {
        return failureCode;
    }

    public void failureCode(String failureCode) {
        this.failureCode = failureCode;
    }

    /**
     * The API the caller spoke when it is served over chat completions (Responses, legacy
     * completions): turns the chat answer back into that API's shape. Null for chat itself.
     */
    public dev.strait.gateway.facade.Facade facade() {
        return facade;
    }

    public void facade(dev.strait.gateway.facade.Facade facade) {
        this.facade = facade;
    }

    /** Whether this request is a line of a batch the gateway runs on the caller's behalf (batch price). */
    public boolean batch() {
        return batch;
    }

    public void batch(boolean batch) {
        this.batch = batch;
    }

    /** The body as received, for endpoints that do not take JSON (multipart uploads); else null. */
    public io.vertx.core.buffer.Buffer rawBody() {
        return rawBody;
    }

    public void rawBody(io.vertx.core.buffer.Buffer rawBody) {
        this.rawBody = rawBody;
        this.bodyBytes = rawBody.length();
    }
}
