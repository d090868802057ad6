package dev.strait.gateway.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.core.error.Failure;
import dev.strait.core.sse.SseEvent;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.front.Dialect;
import dev.strait.gateway.front.FailureBodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.function.Consumer;

/**
 * The event stream to the caller. Headers go out with the first event, not before: until then
 * the gateway may still fail over to another deployment without the caller noticing.
 */
public final class ClientStream implements Consumer<SseEvent> {

    private final Exchange exchange;
    private final HttpServerResponse response;
    private final Consumer<HttpServerResponse> decorateHeaders;
    private boolean committed;
    private long firstEventNanos;

    public ClientStream(Exchange exchange, Consumer<HttpServerResponse> decorateHeaders) {
        this.exchange = exchange;
        this.response = exchange.request().response();
        this.decorateHeaders = decorateHeaders;
    }

    @Override
    public void accept(SseEvent event) {
        if (response.closed() || response.ended()) {
            return;
        }
        if (!committed) {
            committed = true;
            firstEventNanos = System.nanoTime();
            response.setStatusCode(200)
                    .putHeader("content-type", "text/event-stream; charset=utf-8")
                    .putHeader("cache-control", "no-cache")
                    .setChunked(true);
            decorateHeaders.accept(response);
        }
        exchange.streamed(event);
        response.write(Buffer.buffer(event.encodeBytes()));
    }

    public boolean committed() {
        return committed;
    }

    /** When the first event reached the caller ({@link System#nanoTime}), 0 if none did. */
    public long firstEventNanos() {
        return firstEventNanos;
    }

    public boolean writeQueueFull() {
        return !response.closed() && response.writeQueueFull();
    }

    public void drainHandler(Runnable onDrain) {
        response.drainHandler(v -> onDrain.run());
    }

    public void end() {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    /** Ends a stream that broke after it started, with an error event the caller's SDK understands. */
    public void endWithError(Failure failure) {
        ObjectNode body = FailureBodies.render(exchange.dialect(), failure, exchange.id());
        accept(exchange.dialect() == Dialect.ANTHROPIC
                ? SseEvent.named("error", body.toString())
                : SseEvent.data(body.toString()));
        end();
    }
}
