package dev.strait.gateway.telemetry;

import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.observe.ExchangeObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One span per request, built when the exchange has ended and handed to the SDK's batch
 * processor: the event loop only fills a span and enqueues it; encoding and the OTLP/HTTP call
 * happen on the processor's own thread. A full queue drops spans rather than slow requests down.
 * A caller's W3C {@code traceparent} makes the span its child, and its sampling decision holds.
 */
public final class RequestTracer implements ExchangeObserver, AutoCloseable {

    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerRequest request) {
            return request.headers().names();
        }

        @Override
        public String get(HttpServerRequest request, String key) {
            return request == null ? null : request.getHeader(key);
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final Clock clock;

    RequestTracer(TelemetrySettings settings, SpanExporter exporter, Clock clock) {
        this.clock = clock;
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), settings.serviceName()))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.sampleRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter)
                        .setScheduleDelay(Duration.ofMillis(500))
                        .setMaxQueueSize(16_384)
                        .setMaxExportBatchSize(512)
                        .build())
                .build();
        this.tracer = provider.get("dev.strait.gateway");
    }

    /** Exports to the settings' OTLP/HTTP endpoint (protobuf). */
    public static RequestTracer start(TelemetrySettings settings, Clock clock) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("telemetry is off: no OTLP endpoint");
        }
        return new RequestTracer(settings, OtlpHttpSpanExporter.builder()
                .setEndpoint(settings.tracesUrl())
                .setTimeout(Duration.ofSeconds(5))
                .build(), clock);
    }

    @Override
    public void ended(Exchange exchange) {
        long endNanos = System.nanoTime();
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), exchange.request(), HEADERS);
        Instant now = clock.instant();
        long endEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Span span = tracer.spanBuilder(SpanFacts.name(exchange))
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(endEpochNanos - (endNanos - exchange.startNanos()), TimeUnit.NANOSECONDS)
                .startSpan();
        if (!span.isRecording()) {
            return; // not sampled: nothing read, nothing built
        }
        int status = exchange.cancelled() ? 499 : exchange.request().response().getStatusCode();
        span.setAllAttributes(SpanFacts.of(exchange, status));
        if (SpanFacts.errorType(exchange, status) != null) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end(endEpochNanos, TimeUnit.NANOSECONDS);
    }

    /** Exports what is queued, waiting at most a few seconds. */
    public void flush() {
        provider.forceFlush().join(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }
}
