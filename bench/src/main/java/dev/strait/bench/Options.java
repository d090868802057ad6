package dev.strait.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The load generator's command line. Open loop when {@code --rate} is given (a fixed schedule of
 * intended send times), closed loop when {@code --connections} is given instead (N callers, each
 * sending its next request when the previous one ends).
 */
record Options(URI url, double rate, int connections, double durationSeconds, double warmupSeconds, boolean stream,
               String body, String label, String apiKey, int eventLoops, int poolSize, Path out,
               List<Map.Entry<String, String>> headers, boolean http2, HoldPlan hold) {

    /**
     * The long-lived-streams mode: {@code streams} streams opened evenly over {@code rampSeconds}, each
     * expected to deliver {@code expectChunks} content chunks and end with [DONE]; {@code streams == 0}: off.
     */
    record HoldPlan(int streams, double rampSeconds, double holdSeconds, int expectChunks) {
    }

    static final String USAGE = """
            usage: LoadGen --url URL (--rate R | --connections N | --streams N) [--duration S] [--warmup S] [--stream]
                           [--body-file F] [--label L] [--api-key K] [--header NAME:VALUE]... [--http2]
                           [--event-loops E] [--pool N] [--out FILE] [--ramp S] [--hold S] [--expect-chunks C]
                           [--max-tokens T] [--choices N]
              --rate R         open loop: R requests/s on a fixed schedule; latency counted from the intended send time
              --connections N  closed loop: N concurrent callers back to back; reports the maximum throughput
              --streams N      N long-lived streams opened evenly over --ramp seconds (default 5), all open at once
                               while the upstream paces them over --hold seconds (default 20: the time the script
                               waits for them); counts content chunks per stream against --expect-chunks (default 50)
              --header N:V     an extra request header (repeatable), e.g. a gateway's routing headers
              --max-tokens T   max_tokens of the default body (default 16; the emulator streams one chunk per token)
              --choices N      n of the default body (default 1): the emulator streams its choices one after another,
                               so --choices 5 --max-tokens 10 is a stream of 50 content chunks (its answers are 20
                               tokens long, whatever max_tokens allows)
              --http2          HTTP/2 with prior knowledge (h2c), streams multiplexed over --pool connections
            """;

    static Options parse(String[] args) throws IOException {
        URI url = null;
        double rate = 0;
        int connections = 0;
        double duration = 20;
        double warmup = 5;
        boolean stream = false;
        Path bodyFile = null;
        String label = null;
        String apiKey = "bench-key";
        // One loop is plenty for ~10k req/s; on a 2-core box a second one mostly adds scheduling noise
        // to the target's own threads (measured: p99 send lag 2.4 ms with two loops, 0.8 ms with one).
        int eventLoops = 1;
        int pool = 0;
        Path out = null;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean http2 = false;
        int streams = 0;
        double ramp = 5;
        double hold = 20;
        int expectChunks = 50;
        int maxTokens = 16;
        int choices = 1;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--stream")) {
                stream = true;
                continue;
            }
            if (name.equals("--http2")) {
                http2 = true;
                continue;
            }
            if (name.equals("-h") || name.equals("--help")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--url" -> url = URI.create(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--duration" -> duration = Double.parseDouble(value);
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--stream" -> stream = Boolean.parseBoolean(value);
                case "--body-file" -> bodyFile = Path.of(value);
                case "--label" -> label = value;
                case "--api-key" -> apiKey = value;
                case "--event-loops" -> eventLoops = Integer.parseInt(value);
                case "--pool" -> pool = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                case "--header" -> headers.add(header(value));
                case "--streams" -> streams = Integer.parseInt(value);
                case "--ramp" -> ramp = Double.parseDouble(value);
                case "--hold" -> hold = Double.parseDouble(value);
                case "--expect-chunks" -> expectChunks = Integer.parseInt(value);
                case "--max-tokens" -> maxTokens = Integer.parseInt(value);
                case "--choices" -> choices = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        if ((rate > 0 ? 1 : 0) + (connections > 0 ? 1 : 0) + (streams > 0 ? 1 : 0) != 1) {
            throw new IllegalArgumentException(
                    "give exactly one of --rate (open loop), --connections (closed loop) or --streams (held streams)");
        }
        if (streams > 0) {
            if (ramp <= 0 || hold <= ramp) {
                throw new IllegalArgumentException("--ramp must be positive and --hold longer than --ramp");
            }
            stream = true; // held streams are streams by definition
        }
        if (duration <= 0 || warmup < 0) {
            throw new IllegalArgumentException("--duration must be positive and --warmup not negative");
        }
        String body = bodyFile != null ? Files.readString(bodyFile)
                : defaultBody(stream, maxTokens, choices);
        // Open loop needs headroom for a stall: at 1,000 req/s a 100 ms pause leaves ~100 requests in flight,
        // and a request waiting for a pooled connection would be a queue the measurement cannot see.
        int poolSize = pool > 0 ? pool : connections > 0 ? connections
                : streams > 0 ? (http2 ? 128 : streams) : 1024;
        return new Options(url, rate, connections, duration, warmup, stream, body,
                label != null ? label : url.getHost() + ":" + url.getPort(), apiKey, eventLoops, poolSize, out,
                List.copyOf(headers), http2, new HoldPlan(streams, ramp, hold, expectChunks));
    }

    boolean openLoop() {
        return rate > 0;
    }

    boolean heldStreams() {
        return hold.streams() > 0;
    }

    private static Map.Entry<String, String> header(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--header wants NAME:VALUE, got " + value);
        }
        return Map.entry(value.substring(0, colon).trim(), value.substring(colon + 1).trim());
    }

    /** A small chat: short prompt, few output tokens (16 by default), so the bench measures overhead, not generation. */
    static String defaultBody(boolean stream, int maxTokens, int choices) {
        return "{\"model\":\"gpt-4o\",\"max_tokens\":" + maxTokens + (choices > 1 ? ",\"n\":" + choices : "")
                + ",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello in one short sentence.\"}]}";
    }
}
