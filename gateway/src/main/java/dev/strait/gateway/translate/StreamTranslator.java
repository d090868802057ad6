package dev.strait.gateway.translate;

import dev.strait.core.sse.SseEvent;
import java.util.function.Consumer;

/**
 * Translates one upstream stream into the caller's dialect, event by event, so that each chunk is
 * forwarded before the next arrives. Instances are stateful and serve exactly one stream; they
 * are not thread-safe, which suits a stream that lives on one event loop.
 */
public interface StreamTranslator {

    /** Translates one upstream event; emits zero or more events in the caller's dialect. */
    void onEvent(SseEvent upstream, Consumer<SseEvent> out);

    /** Usage seen so far (input/output tokens), for metering; zeros until known. */
    TokenUsage usage();
}
