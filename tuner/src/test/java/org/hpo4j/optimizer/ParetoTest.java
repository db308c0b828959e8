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

    /**
     * The volume below {@code reference} that some point dominates, cell by cell of the grid the
     * points' coordinates span: exact, exponential in the dimensions, independent of the algorithm.
     */
    private static double bruteForceHypervolume(List<double[]> points, double[] reference) {
        int d = reference.length;
        List<double[]> axes = new java.util.ArrayList<>();
        for (int k = 0; k < d; k++) {
            java.util.TreeSet<Double> values = new java.util.TreeSet<>();
            values.add(reference[k]);
            for (double[] p : points) {
                if (p[k] < reference[k]) {
                    values.add(p[k]);
                }
            }
            axes.add(values.stream().mapToDouble(Double::doubleValue).toArray());
        }
        int[] index = new int[d];
        double total = 0;
        while (true) {
            boolean valid = true;
            for (int k = 0; k < d; k++) {
                valid &= index[k] + 1 < axes.get(k).length;
            }
            if (valid) {
                double cell = 1;
                for (int k = 0; k < d; k++) {
                    cell *= axes.get(k)[index[k] + 1] - axes.get(k)[index[k]];
                }
                for (double[] p : points) {
                    boolean covers = true;
                    for (int k = 0; k < d && covers; k++) {
                        covers = p[k] <= axes.get(k)[index[k]] && p[k] < reference[k];
                    }
                    if (covers) {
                        total += cell;
                        break;
                    }
                }
            }
            int k = 0;
            while (k < d && ++index[k] >= axes.get(k).length) {
                index[k] = 0;
                k++;
            }
            if (k == d) {
                return total;
            }
        }
    }

    /**
     * Random point sets of 2, 3 and 4 objectives (fronts, dominated points, duplicates, ties in a
     * coordinate, points beyond the reference): the hypervolume equals the brute-force volume.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"2, 120", "3, 40", "4, 14"})
    void hypervolumeEqualsTheBruteForceVolumeOnRandomPoints(int dimensions, int size) {
        java.util.Random random = new java.util.Random(dimensions * 1000L + size);
        double[] reference = new double[dimensions];
        java.util.Arrays.fill(reference, 1);
        for (int trial = 0; trial < 30; trial++) {
            List<double[]> points = new java.util.ArrayList<>();
            for (int i = 0; i < size; i++) {
                double[] p = new double[dimensions];
                double norm = 0;
                for (int k = 0; k < dimensions; k++) {
                    // coarse values give ties; every third set lies on a curved front
                    p[k] = trial % 3 == 0 ? random.nextDouble() : Math.round(random.nextDouble() * 12) / 10.0;
                    norm += p[k] * p[k];
                }
                if (trial % 3 == 0) {
                    for (int k = 0; k < dimensions; k++) {
                        p[k] /= Math.sqrt(norm);
                    }
                }
                points.add(p);
            }
            if (trial % 5 == 0) {
                points.add(points.get(0).clone());
            }
            assertEquals(bruteForceHypervolume(points, reference), Pareto.hypervolume(points, reference), 1e-9,
                    dimensions + " objectives, set " + trial);
        }
    }
}
