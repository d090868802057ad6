package dev.strait.gateway.limit;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Limit counters in this node's memory: one node's limits, without a lock. A window is a
 * compare-and-set counter; a budget is an immutable (spent, held) pair swapped by compare-and-set, so
 * concurrent reservations can never together pass the cap.
 */
public final class LocalCounters implements LimitCounters {

    private record Window(long minute, AtomicLong used) {}

    private record Budget(BigDecimal spent, BigDecimal held) {
        static final Budget EMPTY = new Budget(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicReference<Budget>> budgets = new ConcurrentHashMap<>();

    @Override
    public Future<Long> take(String window, long minute, long amount, long limit) {
        AtomicLong used = current(window, minute);
        while (true) {
            long now = used.get();
            if (now + amount > limit) {
                return Future.succeededFuture(-1L);
            }
            if (used.compareAndSet(now, now + amount)) {
                return Future.succeededFuture(limit - now - amount);
            }
        }
    }

    @Override
    public void adjust(String window, long minute, long delta) {
        Window w = windows.get(window);
        if (w != null && w.minute() == minute) {
            w.used().addAndGet(delta);
        }
    }

    private AtomicLong current(String window, long minute) {
        Window w = windows.get(window);
        if (w == null || w.minute() != minute) {
            w = windows.compute(window, (k, old) -> old == null || old.minute() < minute
                    ? new Window(minute, new AtomicLong()) : old);
        }
        return w.used();
    }

    @Override
    public Future<Boolean> reserve(String budget, String month, BigDecimal cap, BigDecimal amount) {
        AtomicReference<Budget> state = budget(budget, month);
        while (true) {
            Budget now = state.get();
            if (now.spent().add(now.held()).add(amount).compareTo(cap) > 0) {
                return Future.succeededFuture(false);
            }
            if (state.compareAndSet(now, new Budget(now.spent(), now.held().add(amount)))) {
                return Future.succeededFuture(true);
            }
        }
    }

    @Override
    public void settle(String budget, String month, BigDecimal held, BigDecimal actual) {
        budget(budget, month).updateAndGet(b -> new Budget(b.spent().add(actual), b.held().subtract(held)));
    }

    @Override
    public void seed(String month, Map<String, BigDecimal> spent) {
        spent.forEach((budget, amount) -> budget(budget, month).updateAndGet(b -> new Budget(amount, b.held())));
    }

    @Override
    public Future<BigDecimal> spent(String budget, String month) {
        AtomicReference<Budget> state = budgets.get(budget + "|" + month);
        return Future.succeededFuture(state == null ? BigDecimal.ZERO : state.get().spent());
    }

    private AtomicReference<Budget> budget(String budget, String month) {
        return budgets.computeIfAbsent(budget + "|" + month, k -> new AtomicReference<>(Budget.EMPTY));
    }

    /** Memory never fails to answer. */
    @Override
    public boolean failOpen() {
        return false;
    }
}
