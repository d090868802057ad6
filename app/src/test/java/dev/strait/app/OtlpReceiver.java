package dev.strait.app;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A collector's OTLP/HTTP traces endpoint for tests: takes {@code POST /v1/traces} in protobuf
 * and keeps the decoded spans and resources.
 */
final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Span> spans = new ArrayList<>();
    private final List<Map<String, Object>> resources = new ArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = "gzip".equals(exchange.getRequestHeaders().getFirst("content-encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
                synchronized (this) {
                    for (ResourceSpans resource : request.getResourceSpansList()) {
                        resources.add(attributes(resource.getResource().getAttributesList()));
                        for (ScopeSpans scope : resource.getScopeSpansList()) {
                            spans.addAll(scope.getSpansList());
                        }
                    }
                }
            }
            exchange.getResponseHeaders().add("content-type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The first span that matches, waiting for the exporter's next batch. */
    Span await(Predicate<Span> matching) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                for (Span span : spans) {
                    if (matching.test(span)) {
                        return span;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching span within 15 s; received " + spans.size());
    }

    synchronized List<Span> spans() {
        return List.copyOf(spans);
    }

    synchronized List<Map<String, Object>> resources() {
        return List.copyOf(resources);
    }

    static Map<String, Object> attributes(Span span) {
        return attributes(span.getAttributesList());
    }

    private static Map<String, Object> attributes(List<KeyValue> list) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (KeyValue pair : list) {
            AnyValue value = pair.getValue();
            values.put(pair.getKey(), switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> value.getIntValue();
                case DOUBLE_VALUE -> value.getDoubleValue();
                case BOOL_VALUE -> value.getBoolValue();
                default -> value.toString();
            });
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
