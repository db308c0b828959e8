package org.hpo4j.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Score;

/**
 * What the report shows of a study of several objectives: each finished evaluation with its
 * objectives and whether it is feasible, the Pareto front (feasible, non-dominated, at the largest
 * budget a feasible evaluation reached), and the hypervolume of the front against cost.
 *
 * <p>The hypervolume is that of the objectives normalised to [0, 1] over the feasible evaluations
 * at the front's budget (each in its direction: 0 is the best value seen), below the reference
 * point 1.1 in every objective; it grows from 0 towards 1.21 (two objectives) as the front
 * improves. It is recomputed after each evaluation in job order, cost summed in the same order.
 *
 * @param points the finished evaluations with every objective, in job order
 * @param front the job ids of the front
 * @param hypervolume {@code [cost, hypervolume]} after each evaluation, in job order
 */
record ParetoView(List<PointRow> points, Set<Integer> front, List<double[]> hypervolume) {
    /** The reference point of the normalised objectives, in every dimension. */
    static final double REFERENCE = 1.1;

    /**
     * One finished evaluation.
     *
     * @param jobId its job
     * @param budget its budget
     * @param objectives the objective values as returned
     * @param feasible whether every constraint holds
     */
    record PointRow(int jobId, double budget, List<Double> objectives, boolean feasible) {
    }

    /** The view of {@code data}, which must have several objectives. */
    static ParetoView of(ReportData data) {
        Criteria criteria = data.criteria();
        List<PointRow> points = new ArrayList<>();
        List<double[]> costs = new ArrayList<>();
        double cost = 0;
        for (ReportRow r : data.rows()) {
            if (r.isDone() && Double.isFinite(r.cost())) {
                cost += r.cost();
            }
            if (r.state() != EvaluationState.FINISHED || r.objectives().size() != criteria.objectives().size()
                    || r.constraints().size() != criteria.constraints().size()) {
                continue;
            }
            Score score = new Score(r.objectives(), r.constraints());
            points.add(new PointRow(r.jobId(), r.budget(), r.objectives(), criteria.violation(score) == 0));
            costs.add(new double[] {cost});
        }
        double top = points.stream().filter(PointRow::feasible).mapToDouble(PointRow::budget).max().orElse(Double.NaN);
        List<PointRow> candidates = points.stream().filter(p -> p.feasible() && p.budget() == top).toList();
        int m = criteria.objectives().size();
        double[] lo = new double[m];
        double[] hi = new double[m];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (PointRow p : candidates) {
            double[] v = minimized(criteria, p);
            for (int k = 0; k < m; k++) {
                lo[k] = Math.min(lo[k], v[k]);
                hi[k] = Math.max(hi[k], v[k]);
            }
        }
        List<Pareto.Point> all = candidates.stream().map(p -> new Pareto.Point(minimized(criteria, p), 0)).toList();
        Set<Integer> front = new TreeSet<>();
        for (int i : Pareto.front(all)) {
            front.add(candidates.get(i).jobId());
        }
        List<double[]> hypervolume = new ArrayList<>();
        List<double[]> seen = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            PointRow p = points.get(i);
            if (p.feasible() && p.budget() == top) {
                double[] v = minimized(criteria, p);
                double[] normalised = new double[m];
                for (int k = 0; k < m; k++) {
                    normalised[k] = hi[k] > lo[k] ? (v[k] - lo[k]) / (hi[k] - lo[k]) : 0;
                }
                seen.add(normalised);
            }
            double[] reference = new double[m];
            java.util.Arrays.fill(reference, REFERENCE);
            hypervolume.add(new double[] {costs.get(i)[0], Pareto.hypervolume(seen, reference)});
        }
        points.sort(Comparator.comparingInt(PointRow::jobId));
        return new ParetoView(points, front, hypervolume);
    }

    private static double[] minimized(Criteria criteria, PointRow p) {
        return criteria.minimized(new Score(p.objectives(), List.copyOf(java.util.Collections.nCopies(
                criteria.constraints().size(), 0.0))));
    }
}
