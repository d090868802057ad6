package dev.strait.core.sse;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event. {@code event} is null when the stream names none (OpenAI's streams);
 * {@code data} is the event's data lines joined with '\n'.
 */
public record SseEvent(String event, String data) {

    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    public static SseEvent named(String event, String data) {
        return new SseEvent(event, data);
    }

    /** The event as it goes on the wire, with the blank line that ends it. */
    public String encode() {
        StringBuilder out = new StringBuilder(data.length() + 32);
        if (event != null) {
            out.append("event: ").append(event).append('\n');
        }
        int start = 0;
        while (true) {
            int nl = data.indexOf('\n', start);
            out.append("data: ").append(data, start, nl < 0 ? data.length() : nl).append('\n');
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return out.append('\n').toString();
    }

    public byte[] encodeBytes() {
        return encode().getBytes(StandardCharsets.UTF_8);
    }
}
