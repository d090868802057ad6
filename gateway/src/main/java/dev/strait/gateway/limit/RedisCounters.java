package dev.strait.gateway.limit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Limit counters in Redis, shared by every replica. Each check is one Lua script, so it is atomic
 * in Redis and costs one round trip. Money crosses as two integer limbs (whole units and
 * ten-billionths), because Lua's numbers are doubles: each limb stays exact below 2^53, so a budget
 * of up to nine quadrillion is compared and added without rounding.
 */
public final class RedisCounters implements LimitCounters {

    private static final int WINDOW_TTL_MS = 120_000;
    private static final int BUDGET_TTL_S = 40 * 24 * 3600;

    private static final String TAKE = """
            local used = redis.call('INCRBY', KEYS[1], ARGV[1])
            if used == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            if used > tonumber(ARGV[2]) then
              redis.call('DECRBY', KEYS[1], ARGV[1])
              return -1
            end
            return tonumber(ARGV[2]) - used
            """;

    private static final String ADJUST = """
            redis.call('INCRBY', KEYS[1], ARGV[1])
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 1
            """;

    /** Limb arithmetic shared by the budget scripts. */
    private static final String MONEY = """
            local S = 10000000000
            local function add(au, af, bu, bf)
              local u, f = au + bu, af + bf
              if f >= S then f = f - S; u = u + 1 elseif f < 0 then f = f + S; u = u - 1 end
              return u, f
            end
            local function num(v) return tonumber(v) or 0 end
            local function str(v) return string.format('%.0f', v) end
            local h = redis.call('HMGET', KEYS[1], 'su', 'sf', 'hu', 'hf')
            local su, sf, hu, hf = num(h[1]), num(h[2]), num(h[3]), num(h[4])
            """;

    private static final String RESERVE = MONEY + """
            local au, af = tonumber(ARGV[3]), tonumber(ARGV[4])
            local tu, tf = add(su, sf, hu, hf)
            tu, tf = add(tu, tf, au, af)
            local cu, cf = tonumber(ARGV[1]), tonumber(ARGV[2])
            if tu > cu or (tu == cu and tf > cf) then return 0 end
            hu, hf = add(hu, hf, au, af)
            redis.call('HSET', KEYS[1], 'hu', str(hu), 'hf', str(hf))
            redis.call('EXPIRE', KEYS[1], ARGV[5])
            return 1
            """;

    private static final String SETTLE = MONEY + """
            hu, hf = add(hu, hf, -tonumber(ARGV[1]), -tonumber(ARGV[2]))
            su, sf = add(su, sf, tonumber(ARGV[3]), tonumber(ARGV[4]))
            redis.call('HSET', KEYS[1], 'hu', str(hu), 'hf', str(hf), 'su', str(su), 'sf', str(sf))
            redis.call('EXPIRE', KEYS[1], ARGV[5])
            return 1
            """;

    private final Redis redis;
    private final boolean failOpen;
    private final long timeoutMillis;

    /**
     * @param failOpen whether requests pass unlimited while Redis cannot be reached (else they are refused)
     * @param timeout how long a check may wait for Redis before it counts as unreachable
     */
    public RedisCounters(Vertx vertx, String url, boolean failOpen, Duration timeout) {
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
                .setMaxPoolWaiting(4096).setMaxWaitingHandlers(4096));
        this.failOpen = failOpen;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public Future<Long> take(String window, long minute, long amount, long limit) {
        return script(TAKE, windowKey(window, minute), Long.toString(amount), Long.toString(limit),
                Integer.toString(WINDOW_TTL_MS)).map(Response::toLong);
    }

    @Override
    public void adjust(String window, long minute, long delta) {
        if (delta != 0) {
            script(ADJUST, windowKey(window, minute), Long.toString(delta), Integer.toString(WINDOW_TTL_MS));
        }
    }

    @Override
    public Future<Boolean> reserve(String budget, String month, BigDecimal cap, BigDecimal amount) {
        Limbs c = Limbs.of(cap);
        Limbs a = Limbs.of(amount);
        return script(RESERVE, budgetKey(budget, month), c.units(), c.fraction(), a.units(), a.fraction(),
                Integer.toString(BUDGET_TTL_S)).map(r -> r.toInteger() == 1);
    }

    @Override
    public void settle(String budget, String month, BigDecimal held, BigDecimal actual) {
        Limbs h = Limbs.of(held);
        Limbs a = Limbs.of(actual);
        script(SETTLE, budgetKey(budget, month), h.units(), h.fraction(), a.units(), a.fraction(),
                Integer.toString(BUDGET_TTL_S));
    }

    /** Only where no replica has written the month yet: the ledger is the truth, Redis a cache of it. */
    @Override
    public void seed(String month, Map<String, BigDecimal> spent) {
        spent.forEach((budget, amount) -> {
            Limbs s = Limbs.of(amount);
            String key = budgetKey(budget, month);
            redis.send(Request.cmd(Command.HSETNX).arg(key).arg("su").arg(s.units()))
                    .compose(r -> redis.send(Request.cmd(Command.HSETNX).arg(key).arg("sf").arg(s.fraction())))
                    .await();
        });
    }

    @Override
    public Future<BigDecimal> spent(String budget, String month) {
        return redis.send(Request.cmd(Command.HMGET).arg(budgetKey(budget, month)).arg("su").arg("sf"))
                .map(r -> Limbs.value(r.get(0) == null ? "0" : r.get(0).toString(),
                        r.get(1) == null ? "0" : r.get(1).toString()));
    }

    @Override
    public boolean failOpen() {
        return failOpen;
    }

    @Override
    public void close() {
        redis.close();
    }

    private Future<Response> script(String script, String key, String... args) {
        Request eval = Request.cmd(Command.EVAL).arg(script).arg(1).arg(key);
        for (String a : args) {
            eval.arg(a);
        }
        return redis.send(eval).timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private static String windowKey(String window, long minute) {
        return "strait:w:" + window + ":" + minute;
    }

    private static String budgetKey(String budget, String month) {
        return "strait:b:" + budget + ":" + month;
    }
}
