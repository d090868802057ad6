package dev.strait.core.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one served request used and cost: the unit of the ledger, exactly one per request id.
 *
 * @param inputTokens every prompt token, cached ones included
 * @param estimated true when the provider reported no usage and the counts are the gateway's own
 * @param cost exact, in {@code currency}, from price book {@code priceVersion}
 */
public record UsageRecord(
        String requestId,
        Instant at,
        String orgId,
        String projectId,
        String keyId,
        String market,
        String model,
        String deployment,
        String region,
        int status,
        boolean stream,
        long inputTokens,
        long outputTokens,
        long cachedInputTokens,
        boolean estimated,
        long latencyMicros,
        BigDecimal cost,
        String currency,
        String priceVersion) {}
