package org.hpo4j.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoTest {
    private static Pareto.Point p(double violation, double... objectives) {
        return new Pareto.Point(objectives, violation);
    }

    @Test
    void ranksFeasibleFrontsThenInfeasibleByViolationThenFailures() {
        List<Pareto.Point> points = List.of(
                p(0, 1, 4), p(0, 2, 2), p(0, 4, 1),   // front 0
                p(0, 3, 3),                           // dominated by (2,2)
                p(0.5, 0, 0), p(0.1, 9, 9),           // infeasible: behind every feasible one, by violation
                Pareto.Point.of(Result.failed("boom")));
        int[] ranks = Pareto.ranks(points);
        assertArrayEquals(new int[] {0, 0, 0, 1, 3, 2, 4}, ranks);
        assertEquals(List.of(0, 1, 2), Pareto.front(points));
    }

    @Test
    void crowdingPrefersTheExtremesAndTheSparseMiddle() {
        List<Pareto.Point> points = List.of(p(0, 0, 10), p(0, 1, 9), p(0, 5, 5), p(0, 10, 0));
        double[] d = Pareto.crowding(points, Pareto.ranks(points));
        assertEquals(Double.POSITIVE_INFINITY, d[0]);
        assertEquals(Double.POSITIVE_INFINITY, d[3]);
        assertTrue(d[2] > d[1], "the point in the sparse middle is less crowded");
        assertEquals(List.of(0, 3, 2, 1), Pareto.order(points));
    }

    @Test
    void hypervolumeOfKnownFronts() {
        double[] ref = {1, 1};
        assertEquals(0.25, Pareto.hypervolume(List.of(new double[] {0.5, 0.5}), ref), 1e-12);
        // two boxes of 0.8 x 0.2 and 0.2 x 0.8 overlapping in 0.2 x 0.2
        assertEquals(0.16 + 0.16 - 0.04, Pareto.hypervolume(List.of(new double[] {0.2, 0.8}, new double[] {0.8, 0.2}), ref), 1e-12);
        // dominated points and points outside the reference add nothing
        assertEquals(0.25, Pareto.hypervolume(List.of(new double[] {0.5, 0.5}, new double[] {0.6, 0.7}, new double[] {2, 0}), ref), 1e-12);
        // three objectives: unit cube corners
        double[] ref3 = {1, 1, 1};
        assertEquals(1 - 0.5 * 0.5 * 0.5, Pareto.hypervolume(List.of(
                new double[] {0, 0, 0.5}, new double[] {0.5, 0, 0}, new double[] {0, 0.5, 0}), ref3), 1e-12);
        assertEquals(0.5 * 0.5 * 0.5 * 0.5, Pareto.hypervolume(List.of(new double[] {0.5, 0.5, 0.5, 0.5}), new double[] {1, 1, 1, 1}), 1e-12);
    }

    @Test
    void constrainedDominance() {
        assertTrue(Pareto.constrainedDominates(p(0, 5, 5), p(0.01, 0, 0)));
        assertTrue(Pareto.constrainedDominates(p(0.01, 9, 9), p(0.02, 0, 0)));
        assertFalse(Pareto.constrainedDominates(p(0, 1, 2), p(0, 2, 1)));
    }
}
