package org.hpo4j.benchmarks.multiobjective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
}
