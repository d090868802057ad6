package dev.strait.core.access;

import java.math.BigDecimal;

/**
 * What an organization may use: requests and tokens per minute, and spend per calendar month.
 * A null field is no limit.
 *
 * @param monthlyBudget in {@code currency}, the currency its prices are in
 */
public record OrgLimits(String orgId, Integer requestsPerMinute, Long tokensPerMinute, BigDecimal monthlyBudget,
        String currency) {}
