package dev.strait.gateway.limit;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Monthly spend per organization, held without overshoot under concurrency: a request reserves
 * its largest possible cost before it is forwarded, and settles to its actual cost after. A
 * reservation only succeeds while spent + reserved + this one stays within the budget, by a
 * compare-and-set on an immutable state: no lock. In-memory, so it holds for one node; the
 * ledger seeds it at start.
 */
public final class Budgets {

    private record State(BigDecimal spent, BigDecimal reserved) {}

    /** One request's hold on its organization's budget. Settled or released once. */
    public final class Reservation {
        private final String key;
        private final BigDecimal amount;
        private boolean open = true;

        private Reservation(String key, BigDecimal amount) {
            this.key = key;
            this.amount = amount;
        }

        public void settle(BigDecimal actual) {
            if (open) {
                open = false;
                update(key, s -> new State(s.spent().add(actual), s.reserved().subtract(amount)));
            }
        }

        public void release() {
            settle(BigDecimal.ZERO);
        }
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicReference<State>> states = new ConcurrentHashMap<>();

    public Budgets(Clock clock) {
        this.clock = clock;
    }

    /** Spend already in the ledger for this month, by organization. */
    public void seed(Map<String, BigDecimal> spentThisMonth) {
        spentThisMonth.forEach((org, spent) -> update(key(org), s -> new State(spent, s.reserved())));
    }

    /** A reservation, or null when {@code amount} no longer fits in {@code budget}. */
    public Reservation reserve(String orgId, BigDecimal budget, BigDecimal amount) {
        String key = key(orgId);
        AtomicReference<State> state = states.computeIfAbsent(key, k -> new AtomicReference<>(
                new State(BigDecimal.ZERO, BigDecimal.ZERO)));
        while (true) {
            State current = state.get();
            BigDecimal committed = current.spent().add(current.reserved()).add(amount);
            if (committed.compareTo(budget) > 0) {
                return null;
            }
            if (state.compareAndSet(current, new State(current.spent(), current.reserved().add(amount)))) {
                return new Reservation(key, amount);
            }
        }
    }

    /** What the organization has spent this month, settled requests only. */
    public BigDecimal spent(String orgId) {
        AtomicReference<State> state = states.get(key(orgId));
        return state == null ? BigDecimal.ZERO : state.get().spent();
    }

    private void update(String key, java.util.function.UnaryOperator<State> change) {
        states.computeIfAbsent(key, k -> new AtomicReference<>(new State(BigDecimal.ZERO, BigDecimal.ZERO)))
                .updateAndGet(change);
    }

    private String key(String orgId) {
        return orgId + "|" + YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }
}
