package dev.strait.gateway.limit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An amount of money as whole units and ten-billionths, both exact integers below 2^53, which is
 * how it crosses into Redis's Lua. Ten decimal places is the ledger's own scale; an amount with more
 * is rounded up, so a hold is never smaller than what it holds for.
 */
record Limbs(String units, String fraction) {

    private static final BigInteger SCALE = BigInteger.TEN.pow(10);

    static Limbs of(BigDecimal amount) {
        BigInteger[] parts = amount.setScale(10, RoundingMode.UP).unscaledValue().divideAndRemainder(SCALE);
        if (parts[1].signum() < 0) {
            parts[0] = parts[0].subtract(BigInteger.ONE);
            parts[1] = parts[1].add(SCALE);
        }
        return new Limbs(parts[0].toString(), parts[1].toString());
    }

    static BigDecimal value(String units, String fraction) {
        return new BigDecimal(new BigInteger(units)).add(new BigDecimal(new BigInteger(fraction), 10));
    }
}
