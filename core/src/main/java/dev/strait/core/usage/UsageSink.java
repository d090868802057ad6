package dev.strait.core.usage;

/**
 * Where the request path hands usage records over. An implementation must not block or take a
 * lock shared with other threads: each event loop gets a sink of its own.
 */
@FunctionalInterface
public interface UsageSink {

    void record(UsageRecord record);

    UsageSink NONE = record -> { };
}
