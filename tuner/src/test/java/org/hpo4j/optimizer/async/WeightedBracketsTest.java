package org.hpo4j.optimizer.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.junit.jupiter.api.Test;

class WeightedBracketsTest {
    private static final HyperbandSchedule SCHEDULE = HyperbandSchedule.of(1, 81, 3, HyperbandSchedule.Sizing.LI);

    @Test
    void equalSharesSplitTheBudgetAsHyperbandDoes() {
        WeightedBrackets policy = new WeightedBrackets(SCHEDULE, () -> new double[] {1, 1, 1, 1, 1}, 0);
        for (int i = 0; i < 2000; i++) {
            policy.next();
        }
        double[] planned = policy.planned();
        double total = 0;
        for (double p : planned) {
            total += p;
        }
        for (int s = 0; s <= 4; s++) {
            // each bracket within one full-budget configuration (81) of a fifth
            assertEquals(total / 5, planned[s], 81, "bracket " + s);
        }
    }

    @Test
    void aBracketWithoutShareGetsNothingAndTheOthersFollowTheirShares() {
        WeightedBrackets policy = new WeightedBrackets(SCHEDULE, () -> new double[] {3, 1, 0, 0, 0}, 0);
        for (int i = 0; i < 500; i++) {
            int s = policy.next().bracket();
            assertTrue(s == 0 || s == 1, "bracket " + s);
        }
        double[] planned = policy.planned();
        assertEquals(3, planned[0] / planned[1], 0.1);
    }

    @Test
    void theFirstConfigurationsStartAtTheFullBudgetThenTheSharesDecide() {
        WeightedBrackets policy = new WeightedBrackets(SCHEDULE, () -> new double[] {1, 1, 1, 1, 1}, 0, 6);
        Set<BracketPolicy.Start> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            BracketPolicy.Start start = policy.next();
            assertEquals(new BracketPolicy.Start(0, 0, i), start);
            seen.add(start);
        }
        // the six count as planned: the most aggressive bracket is furthest behind its share now
        assertEquals(6 * 81, policy.planned()[0], 1e-9);
        assertEquals(4, policy.next().bracket());
        for (int i = 0; i < 2000; i++) {
            assertTrue(seen.add(policy.next()), "ids stay unique");
        }
        double[] planned = policy.planned();
        double total = 0;
        for (double p : planned) {
            total += p;
        }
        assertEquals(total / 5, planned[0], 81 * 6);
    }

    @Test
    void sharesMayChangeBetweenStarts() {
        double[][] shares = {{1, 1, 1, 1, 1}};
        WeightedBrackets policy = new WeightedBrackets(SCHEDULE, () -> shares[0], 0);
        for (int i = 0; i < 100; i++) {
            policy.next();
        }
        shares[0] = new double[] {1, 0, 0, 0, 0};
        for (int i = 0; i < 20; i++) {
            assertEquals(0, policy.next().bracket());
        }
    }

    @Test
    void aBoundedRunPlansItsIterationsBudgetWithUniqueIds() {
        WeightedBrackets policy = new WeightedBrackets(SCHEDULE, () -> new double[] {5, 1, 1, 1, 0.2}, 2);
        Set<BracketPolicy.Start> seen = new HashSet<>();
        BracketPolicy.Start start;
        while ((start = policy.next()) != null) {
            assertTrue(seen.add(start), "duplicate " + start);
            assertTrue(start.iteration() <= 1, "iteration " + start.iteration());
        }
        assertTrue(policy.exhausted());
        assertNull(policy.next());
        double total = 0;
        for (double p : policy.planned()) {
            total += p;
        }
        // at least the two iterations' budget, at most one full-budget configuration more
        assertTrue(total >= 2 * SCHEDULE.iterationBudget() && total <= 2 * SCHEDULE.iterationBudget() + 81, "planned " + total);
        assertFalse(seen.isEmpty());
    }
}
