package org.hpo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class IncumbentTrackerTest {
    private final SearchSpace space = new BraninMf().space();

    private Configuration at(double x1) {
        return space.configuration(Map.of("x1", x1, "x2", 1.0));
    }

    @Test
    void aHigherBudgetTakesOverEvenWithAWorseValue() {
        IncumbentTracker t = new IncumbentTracker();
        assertNull(t.configuration());
        Configuration lowBest = at(1);
        Configuration high = at(2);
        t.offer(lowBest, 1, 0.1);
        t.offer(at(3), 1, 0.5);
        assertSame(lowBest, t.configuration());
        t.offer(high, 3, 7.0);
        assertSame(high, t.configuration(), "first evaluation at a higher budget");
        t.offer(at(4), 1, -100);
        assertSame(high, t.configuration(), "lower budgets never replace the incumbent");
        Configuration better = at(5);
        t.offer(better, 3.0000000000000004, 6.0);
        assertSame(better, t.configuration(), "the same rung, rounded differently, with a better value");
        assertEquals(3, t.budget(), 1e-12);
        t.offer(at(6), 3, Double.NaN);
        assertSame(better, t.configuration(), "failures are ignored");
    }
}
