package org.hpo4j.benchmarks.multiobjective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.space.Configuration;
import org.junit.jupiter.api.Test;

class ReachableFrontTest {
    private final ZdtMf problem = new ZdtMf();

    @Test
    void theBoundIsTheHypervolumeOfANonDominatedSetAndRefiningRaisesIt() {
        ReachableFront.Bound sampled = ReachableFront.bound(problem, 500, List.of(), 0, 1);
        ReachableFront.Bound refined = ReachableFront.bound(problem, 500, List.of(), 3000, 1);
        assertEquals(500, sampled.evaluated());
        assertEquals(3500, refined.evaluated());
        for (ReachableFront.Bound bound : List.of(sampled, refined)) {
            List<double[]> truth = new ArrayList<>();
            for (IncumbentFront.Member m : bound.front()) {
                truth.add(problem.trueObjectives(m.configuration()));
            }
            for (double[] a : truth) {
                for (double[] b : truth) {
                    assertFalse(Pareto.dominates(a, b));
                }
            }
            assertEquals(problem.hypervolume(truth), bound.hypervolume(), 1e-12);
        }
        // perturbing the front's members moves towards the distance optimum: closer to the known front
        assertTrue(refined.hypervolume() > sampled.hypervolume() + 0.05, sampled.hypervolume() + " -> " + refined.hypervolume());
        assertTrue(refined.hypervolume() <= 1 + 1e-9, "no more than the known front: " + refined.hypervolume());
    }

    @Test
    void visitedConfigurationsEnterTheBound() {
        List<Configuration> visited = ReachableFront.visited(problem, "random", 2, 3);
        // random search evaluates at the full budget only: three per seed to cost 3
        assertEquals(6, visited.size());
        ReachableFront.Bound none = ReachableFront.bound(problem, 0, visited, 0, 1);
        List<double[]> truth = new ArrayList<>();
        for (Configuration c : visited) {
            truth.add(problem.trueObjectives(c));
        }
        assertEquals(problem.hypervolume(truth), none.hypervolume(), 1e-12);
    }

    @Test
    void theBestSubsetOfEachSizeIsFoundExactly() {
        Random random = new Random(7);
        double[] reference = {1, 1};
        for (int trial = 0; trial < 20; trial++) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                // some beyond the reference, some dominated: neither may count
                points.add(new double[] {random.nextDouble() * 1.1, random.nextDouble() * 1.1});
            }
            for (int k = 1; k <= 4; k++) {
                double brute = 0;
                for (int mask = 1; mask < 1 << points.size(); mask++) {
                    if (Integer.bitCount(mask) > k) {
                        continue;
                    }
                    List<double[]> subset = new ArrayList<>();
                    for (int i = 0; i < points.size(); i++) {
                        if ((mask & 1 << i) != 0) {
                            subset.add(points.get(i));
                        }
                    }
                    brute = Math.max(brute, Pareto.hypervolume(subset, reference));
                }
                assertEquals(brute, ReachableFront.bestOf(points, k, reference), 1e-12, "trial " + trial + ", k " + k);
            }
            assertEquals(Pareto.hypervolume(points, reference), ReachableFront.bestOf(points, points.size(), reference), 1e-12);
        }
    }
}
