package org.hpo4j.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

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
     * minimized): exact, by slicing along the last objective (fast enough for the few hundred
     * points and up to four objectives of a study). Points not below the reference in every
     * objective add nothing.
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
        return slice(inside, reference, reference.length);
    }

    private static double slice(List<double[]> points, double[] reference, int dimensions) {
        if (points.isEmpty()) {
            return 0;
        }
        int last = dimensions - 1;
        if (dimensions == 1) {
            double best = reference[0];
            for (double[] p : points) {
                best = Math.min(best, p[0]);
            }
            return reference[0] - best;
        }
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[last]));
        double volume = 0;
        List<double[]> below = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            below.add(sorted.get(i));
            double top = i + 1 < sorted.size() ? sorted.get(i + 1)[last] : reference[last];
            double height = top - sorted.get(i)[last];
            if (height > 0) {
                volume += height * slice(nonDominated(below, last), reference, last);
            }
        }
        return volume;
    }

    /** The points of {@code points} not dominated in their first {@code dimensions} objectives. */
    private static List<double[]> nonDominated(List<double[]> points, int dimensions) {
        List<double[]> kept = new ArrayList<>();
        for (double[] p : points) {
            double[] head = Arrays.copyOf(p, dimensions);
            boolean dominated = false;
            for (double[] q : points) {
                if (q != p && (dominates(Arrays.copyOf(q, dimensions), head)
                        || (Arrays.equals(Arrays.copyOf(q, dimensions), head) && kept.contains(q)))) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                kept.add(p);
            }
        }
        return kept;
    }
}
