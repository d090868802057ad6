package dev.strait.gateway.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One served request as the gateway saw it, for the work done after the answer (monitoring,
 * provenance). The response is kept raw — the answer's body, or the data of each streamed event, in
 * the caller's dialect — so that reading text out of it happens on a worker, never on the hot path.
 *
 * @param anthropicDialect whether the caller spoke Anthropic's Messages API (else OpenAI's)
 * @param responseBody the non-streamed answer, or null
 * @param responseEvents the data of each event streamed to the caller, or null
 */
public record ServedRequest(String id, Instant at, String orgId, String projectId, String keyId, String market,
        String model, String endpoint, String clientIp, String userAgent, JsonNode requestBody, int status,
        boolean anthropicDialect, byte[] responseBody, List<String> responseEvents, long inputTokens,
        long outputTokens) {}
