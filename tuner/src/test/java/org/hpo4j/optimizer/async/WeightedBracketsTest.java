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
            startAlone(policy);
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
            int s = startAlone(policy).bracket();
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
            BracketPolicy.Start start = startAlone(policy);
            assertEquals(new BracketPolicy.Start(0, 0, i), start);
            seen.add(start);
        }
        // the six count as planned: the most aggressive bracket is furthest behind its share now
        assertEquals(6 * 81, policy.planned()[0], 1e-9);
        assertEquals(4, startAlone(policy).bracket());
        for (int i = 0; i < 2000; i++) {
            assertTrue(seen.add(startAlone(policy)), "ids stay unique");
        }
        double[] planned = policy.planned();
        double total = 0;
        for (double p : planned) {
            total += p;
        }
        assertEquals(total / 5, planned[0], 81 * 6);
    }

    /**
     * The full-budget-first starts are a reference, not bracket 0's share: with the share of half
     * the budget (the unmeasured prior of RungReliability), bracket 0 has about half of what is
     * planned after them, from the start, rather than waiting until the others have planned as
     * much as the reference.
     */
    @Test
    void theSharesDivideTheBudgetAfterTheFullBudgetStarts() {
        WeightedBrackets policy = new WeightedBrackets(SCHEDULE, () -> new double[] {1, 0.25, 0.25, 0.25, 0.25}, 0, 12);
        for (int i = 0; i < 12; i++) {
            startAlone(policy);
        }
        double reference = 12 * 81;
        for (double after : new double[] {6 * 81, 18 * 81, 60 * 81}) {
            double total;
            do {
                startAlone(policy);
                total = java.util.Arrays.stream(policy.planned()).sum();
            } while (total - reference < after);
            double full = policy.planned()[0] - reference;
            assertEquals(0.5, full / (total - reference), 0.15, "after " + after / 81 + " full evaluations' worth: "
                    + java.util.Arrays.toString(policy.planned()));
        }
    }

    @Test
    void sharesMayChangeBetweenStarts() {
        double[][] shares = {{1, 1, 1, 1, 1}};
        WeightedBrackets policy = new WeightedBrackets(SCHEDULE, () -> shares[0], 0);
        for (int i = 0; i < 100; i++) {
            startAlone(policy);
        }
        shares[0] = new double[] {1, 0, 0, 0, 0};
        for (int i = 0; i < 20; i++) {
            assertEquals(0, startAlone(policy).bracket());
        }
    }

    @Test
    void aBoundedRunPlansItsIterationsBudgetWithUniqueIds() {
        WeightedBrackets policy = new WeightedBrackets(SCHEDULE, () -> new double[] {5, 1, 1, 1, 0.2}, 2);
        Set<BracketPolicy.Start> seen = new HashSet<>();
        BracketPolicy.Start start;
        while ((start = policy.next()) != null) {
            policy.firstResult(start.bracket());
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

    @Test
    void whileNoFirstResultIsBackOnlyTheMostAggressiveBracketStarts() {
        double[] halfTrusted = {1, 0.25, 0.25, 0.25, 0.25};
        WeightedBrackets pending = new WeightedBrackets(SCHEDULE, () -> halfTrusted, 0);
        WeightedBrackets alone = new WeightedBrackets(SCHEDULE, () -> halfTrusted, 0);
        Set<Integer> aloneBrackets = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            assertEquals(4, pending.next().bracket(), "start " + i + " with nothing back");
            aloneBrackets.add(startAlone(alone).bracket());
        }
        // the same starts, each result back before the next, open every bracket
        assertEquals(Set.of(0, 1, 2, 3, 4), aloneBrackets);
    }

    @Test
    void withManyStartsPendingABracketOpensOnTheBudgetOfTheResultsBack() {
        double[] halfTrusted = {1, 0.25, 0.25, 0.25, 0.25};
        WeightedBrackets alone = new WeightedBrackets(SCHEDULE, () -> halfTrusted, 0);
        double aloneOpensAt = Double.NaN;
        for (int i = 0; i < 1000 && Double.isNaN(aloneOpensAt); i++) {
            double before = sum(alone.planned());
            if (startAlone(alone).bracket() == 0) {
                aloneOpensAt = before;
            }
        }
        WeightedBrackets workers = new WeightedBrackets(SCHEDULE, () -> halfTrusted, 0);
        java.util.ArrayDeque<double[]> inFlight = new java.util.ArrayDeque<>(); // {bracket, planned budget}
        double back = 0;
        int fullStarts = 0;
        for (int i = 0; i < 3000; i++) {
            if (inFlight.size() == 32) {
                double[] done = inFlight.poll();
                workers.firstResult((int) done[0]);
                back += done[1];
            }
            double before = sum(workers.planned());
            BracketPolicy.Start start = workers.next();
            if (start.bracket() == 0) {
                if (fullStarts++ == 0) {
                    assertTrue(back >= aloneOpensAt * (1 - 1e-9), "full-budget bracket opened with " + back
                            + " of planned budget back; alone it opens at " + aloneOpensAt);
                    // the budget planned, pending starts included, has run far ahead of it
                    assertTrue(before > back + 1.5 * SCHEDULE.maxBudget(), "planned " + before + ", back " + back);
                }
            }
            inFlight.add(new double[] {start.bracket(), sum(workers.planned()) - before});
        }
        assertTrue(fullStarts > 0, "the full-budget bracket never opened");
    }

    /** One worker: the configuration's first result is back before the next starts. */
    private static BracketPolicy.Start startAlone(WeightedBrackets policy) {
        BracketPolicy.Start start = policy.next();
        policy.firstResult(start.bracket());
        return start;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
