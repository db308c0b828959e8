package org.hpo4j.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Pareto dominance with constraints, non-dominated sorting, crowding distance and hypervolume, for
 * objectives to minimize.
 *
 * <p>Constraints follow Deb's rule (Deb 2000, used by NSGA-II): a feasible point (violation 0)
 * beats every infeasible one; of two infeasible points the one with the smaller violation is
 * better; of two feasible points one is better when it dominates the other. So infeasible points
 * rank behind every feasible one, by their violation, and failures (infinite violation) last.
 */
public final class Pareto {
    private Pareto() {
    }

    /**
     * One point to rank.
     *
     * @param objectives the values to minimize
     * @param violation the total constraint violation, 0 when feasible, infinite for a failure
     */
    public record Point(double[] objectives, double violation) {

        /** The point of a result as optimizers are told it (failures: no objectives, infinite violation). */
        public static Point of(Result result) {
            return new Point(result.objectiveArray(), result.violation());
        }

        /** Whether every bound holds (and it is no failure). */
        public boolean feasible() {
            return violation == 0;
        }
    }

    /** Whether {@code a} is no worse than {@code b} in every objective and better in one. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            better |= a[i] < b[i];
        }
        return better;
    }

    /** Deb's constrained dominance: see the class comment. */
    public static boolean constrainedDominates(Point a, Point b) {
        if (a.feasible() && b.feasible()) {
            return dominates(a.objectives, b.objectives);
        }
        return a.violation < b.violation;
    }

    /**
     * The rank of each point: 0 for the non-dominated (under constrained dominance), 1 for those
     * dominated only by rank 0, and so on (the fast non-dominated sort of NSGA-II).
     */
    public static int[] ranks(List<Point> points) {
        int n = points.size();
        int[] dominatedBy = new int[n];
        List<List<Integer>> dominating = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dominating.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (constrainedDominates(points.get(i), points.get(j))) {
                    dominating.get(i).add(j);
                    dominatedBy[j]++;
                } else if (constrainedDominates(points.get(j), points.get(i))) {
                    dominating.get(j).add(i);
                    dominatedBy[i]++;
                }
            }
        }
        int[] rank = new int[n];
        List<Integer> front = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (dominatedBy[i] == 0) {
                front.add(i);
            }
        }
        for (int r = 0; !front.isEmpty(); r++) {
            List<Integer> next = new ArrayList<>();
            for (int i : front) {
                rank[i] = r;
                for (int j : dominating.get(i)) {
                    if (--dominatedBy[j] == 0) {
                        next.add(j);
                    }
                }
            }
            front = next;
        }
        return rank;
    }

    /**
     * The crowding distance of each point within its rank (NSGA-II): the sum over objectives of the
     * normalized gap between its neighbours; infinite for the extremes. Infeasible points, which
     * rank by violation, get 0.
     */
    public static double[] crowding(List<Point> points, int[] ranks) {
        int n = points.size();
        double[] distance = new double[n];
        int maxRank = Arrays.stream(ranks).max().orElse(-1);
        for (int r = 0; r <= maxRank; r++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (ranks[i] == r && points.get(i).feasible()) {
                    members.add(i);
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            int m = points.get(members.get(0)).objectives.length;
            for (int k = 0; k < m; k++) {
                final int objective = k;
                members.sort(Comparator.comparingDouble((Integer i) -> points.get(i).objectives[objective])
                        .thenComparingInt(i -> i));
                double lo = points.get(members.get(0)).objectives[k];
                double hi = points.get(members.get(members.size() - 1)).objectives[k];
                distance[members.get(0)] = Double.POSITIVE_INFINITY;
                distance[members.get(members.size() - 1)] = Double.POSITIVE_INFINITY;
                if (!(hi > lo)) {
                    continue;
                }
                for (int p = 1; p < members.size() - 1; p++) {
                    distance[members.get(p)] += (points.get(members.get(p + 1)).objectives[k]
                            - points.get(members.get(p - 1)).objectives[k]) / (hi - lo);
                }
            }
        }
        return distance;
    }

    /**
     * The indices of {@code points} from best to worst: by rank, then larger crowding distance
     * first, then by index (earlier first), so the order is a function of the points alone.
     */
    public static List<Integer> order(List<Point> points) {
        int[] ranks = ranks(points);
        double[] crowding = crowding(points, ranks);
        List<Integer> order = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> ranks[i])
                .thenComparing(i -> -crowding[i])
                .thenComparingInt(i -> i));
        return order;
    }

    /** The indices of the feasible points that no feasible point dominates, in index order. */
    public static List<Integer> front(List<Point> points) {
        List<Integer> front = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (!p.feasible()) {
                continue;
            }
            boolean dominated = false;
            for (int j = 0; j < points.size() && !dominated; j++) {
                dominated = j != i && points.get(j).feasible() && dominates(points.get(j).objectives, p.objectives);
            }
            if (!dominated) {
                front.add(i);
            }
        }
        return front;
    }

    /**
     * The hypervolume that {@code front} dominates below {@code reference} (every objective
     * minimized), exact. Points not below the reference in every objective add nothing. Two
     * objectives: a sort and a sweep, {@code O(n log n)}. Three: a sweep along the third objective
     * that keeps the two-dimensional front of the points below the sweep line and its area up to
     * date as each point comes in (Beume et al. 2009), {@code O(n log n)}. Four or more: slices
     * along the last objective (HSO, While et al. 2006), each the volume of one dimension fewer of
     * the points below the slice, points dominated in those dimensions dropped as the slices grow:
     * {@code O(n^2 log n)} for four (BENCHMARKS.md has timings for 5,000 points).
     */
    public static double hypervolume(List<double[]> front, double[] reference) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : front) {
            boolean below = true;
            for (int k = 0; k < reference.length; k++) {
                below &= p[k] < reference[k];
            }
            if (below) {
                inside.add(p);
            }
        }
        return volume(inside, reference, reference.length);
    }

    /** The volume the points (all below the reference) dominate in their first {@code dimensions} objectives. */
    private static double volume(List<double[]> points, double[] reference, int dimensions) {
        if (points.isEmpty()) {
            return 0;
        }
        switch (dimensions) {
            case 1:
                double best = reference[0];
                for (double[] p : points) {
                    best = Math.min(best, p[0]);
                }
                return reference[0] - best;
            case 2:
                return area(points, reference);
            case 3:
                return sweep3(points, reference);
            default:
                return slices(points, reference, dimensions);
        }
    }

    /** Two objectives: by the first ascending, each point that lowers the second adds its strip. */
    private static double area(List<double[]> points, double[] reference) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double area = 0;
        double lowest = reference[1];
        for (double[] p : sorted) {
            if (p[1] < lowest) {
                area += (reference[0] - p[0]) * (lowest - p[1]);
                lowest = p[1];
            }
        }
        return area;
    }

    /**
     * Three objectives: by the third ascending; between two consecutive points the dominated
     * cross-section is the area of the two-dimensional front (first two objectives) of the points
     * so far, kept as a staircase (first objective ascending, second descending) with its area
     * updated by what each new point adds.
     */
    private static double sweep3(List<double[]> points, double[] reference) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[2]));
        java.util.TreeMap<Double, Double> staircase = new java.util.TreeMap<>();
        double area = 0;
        double volume = 0;
        double previous = sorted.get(0)[2];
        for (double[] p : sorted) {
            volume += area * (p[2] - previous);
            previous = p[2];
            area += insert(staircase, p[0], p[1], reference);
        }
        return volume + area * (reference[2] - previous);
    }

    /**
     * Adds {@code (x, y)} to a staircase of non-dominated points below the reference and returns
     * the area it adds; a point the staircase dominates adds nothing, points it dominates leave.
     */
    private static double insert(java.util.TreeMap<Double, Double> staircase, double x, double y, double[] reference) {
        Map.Entry<Double, Double> atOrLeft = staircase.floorEntry(x);
        if (atOrLeft != null && atOrLeft.getValue() <= y) {
            return 0;
        }
        Map.Entry<Double, Double> left = staircase.lowerEntry(x);
        double height = left == null ? reference[1] : left.getValue();
        double from = x;
        double added = 0;
        Map.Entry<Double, Double> next = staircase.ceilingEntry(x);
        while (next != null && next.getValue() >= y) {
            added += (next.getKey() - from) * (height - y);
            from = next.getKey();
            height = next.getValue();
            staircase.remove(next.getKey());
            next = staircase.higherEntry(from);
        }
        added += ((next == null ? reference[0] : next.getKey()) - from) * (height - y);
        staircase.put(x, y);
        return added;
    }

    /**
     * Four or more objectives: slices along the last objective between consecutive points, each
     * the volume one dimension lower of the points below it. A new point drops the points it
     * dominates in the lower dimensions (they add nothing to any later slice).
     */
    private static double slices(List<double[]> points, double[] reference, int dimensions) {
        int last = dimensions - 1;
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[last]));
        List<double[]> below = new ArrayList<>();
        double volume = 0;
        for (int i = 0; i < sorted.size(); i++) {
            double[] p = sorted.get(i);
            boolean dominated = false;
            for (double[] q : below) {
                if (weaklyDominates(q, p, last)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                below.removeIf(q -> weaklyDominates(p, q, last));
                below.add(p);
            }
            double top = i + 1 < sorted.size() ? sorted.get(i + 1)[last] : reference[last];
            if (top > p[last]) {
                volume += (top - p[last]) * volume(below, reference, last);
            }
        }
        return volume;
    }

    /** Whether {@code a} is no worse than {@code b} in each of the first {@code dimensions} objectives. */
    private static boolean weaklyDominates(double[] a, double[] b, int dimensions) {
        for (int k = 0; k < dimensions; k++) {
            if (a[k] > b[k]) {
                return false;
            }
        }
        return true;
    }
}
