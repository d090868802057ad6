package dev.strait.monitor.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * One request and its response as the gateway sees them: the unit the monitoring engine consumes,
 * live (built by the gateway after the response) or replayed from a trace line.
 *
 * <p>Only the fields monitoring needs are kept; the body is reduced to {@link Request}. The texts in it
 * are transient input: the engine turns them into features at once and never stores them.
 *
 * @param tsMillis the instant the request arrived, epoch milliseconds
 * @param market the organization's jurisdiction (ISO 3166 alpha-2), or "" if unknown
 * @param clientIp source address as seen by the gateway, or ""
 * @param userAgent the User-Agent header, or ""
 * @param endpoint the request path, e.g. {@code /v1/chat/completions}
 */
public record TraceEvent(
        String id,
        long tsMillis,
        String org,
        String key,
        String market,
        String clientIp,
        String userAgent,
        String endpoint,
        Request request,
        Response response) {

    public TraceEvent {
        Objects.requireNonNull(org, "org");
        key = key == null ? "" : key;
        market = market == null ? "" : market;
        clientIp = clientIp == null ? "" : clientIp;
        userAgent = userAgent == null ? "" : userAgent;
        endpoint = endpoint == null ? "" : endpoint;
        request = request == null ? Request.EMPTY : request;
        response = response == null ? Response.EMPTY : response;
    }

    public Instant ts() {
        return Instant.ofEpochMilli(tsMillis);
    }

    /**
     * What matters of a request body, in either dialect (OpenAI chat/embeddings or Anthropic messages).
     *
     * @param system the system prompt text ("" when none)
     * @param prompt the text of the last user turn ("" when none, e.g. embeddings)
     * @param firstPrompt the text of the first user turn (the same as {@code prompt} for one turn)
     * @param turns how many messages the conversation carries
     * @param n choices requested (1 when absent)
     * @param temperature sampling temperature, {@code NaN} when absent
     * @param maxTokens the output cap requested, 0 when absent
     * @param logprobs whether token log-probabilities were requested
     * @param seed whether a sampling seed was given
     * @param tools whether tools/functions were offered
     */
    public record Request(String model, String system, String prompt, String firstPrompt, int turns, int n,
                          double temperature, int maxTokens, boolean logprobs, boolean seed, boolean stream,
                          boolean tools) {
        public static final Request EMPTY = new Request("", "", "", "", 0, 1, Double.NaN, 0, false, false, false, false);

        public Request {
            model = model == null ? "" : model;
            system = system == null ? "" : system;
            prompt = prompt == null ? "" : prompt;
            firstPrompt = firstPrompt == null || firstPrompt.isEmpty() ? prompt : firstPrompt;
            n = Math.max(1, n);
        }
    }

    /**
     * What matters of a response: its size in tokens, not its text (which the parser skips undecoded).
     *
     * @param toolCalls whether the model called a tool
     */
    public record Response(int status, String finishReason, int promptTokens, int completionTokens,
                           boolean toolCalls) {
        public static final Response EMPTY = new Response(0, "", 0, 0, false);

        /** A response whose tool use shows either in its calls or in its finish reason alone. */
        public static Response of(int status, String finishReason, int promptTokens, int completionTokens,
                boolean toolCalls) {
            String finish = finishReason == null ? "" : finishReason;
            return new Response(status, finish, promptTokens, completionTokens,
                    toolCalls || finish.equals("tool_calls") || finish.equals("tool_use"));
        }

        public Response {
            finishReason = finishReason == null ? "" : finishReason;
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }
}
