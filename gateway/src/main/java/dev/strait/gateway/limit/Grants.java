package dev.strait.gateway.limit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What one request took from its limits: tokens from per-minute windows and holds on budgets, each
 * taken at an estimate. Settled to the actual tokens and cost once the request is metered, or given
 * back whole when nothing was served. Ends once; confined to the request's event loop.
 */
public final class Grants {

    private record Tokens(String window, long minute, long taken) {}

    private record Hold(String budget, String month, BigDecimal held) {}

    private final LimitCounters counters;
    private final List<Tokens> tokens = new ArrayList<>(2);
    private final List<Hold> holds = new ArrayList<>(2);
    private boolean open = true;

    Grants(LimitCounters counters) {
        this.counters = counters;
    }

    void tokens(String window, long minute, long taken) {
        tokens.add(new Tokens(window, minute, taken));
    }

    void hold(String budget, String month, BigDecimal held) {
        holds.add(new Hold(budget, month, held));
    }

    boolean holdsBudget() {
        return !holds.isEmpty();
    }

    /** The request was served: what it used replaces what it was estimated to. */
    public void settle(BigDecimal cost, long usedTokens) {
        if (!open) {
            return;
        }
        open = false;
        for (Tokens t : tokens) {
            counters.adjust(t.window(), t.minute(), usedTokens - t.taken());
        }
        for (Hold h : holds) {
            counters.settle(h.budget(), h.month(), h.held(), cost);
        }
    }

    /** Nothing was served: everything taken goes back. */
    public void release() {
        settle(BigDecimal.ZERO, 0);
    }
}
