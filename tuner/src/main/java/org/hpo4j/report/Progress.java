package org.hpo4j.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The best value found so far at each budget, against cumulative cost and wall time. */
final class Progress {
    /**
     * One improvement of the best value at a budget (or the end of the study, to draw the step to
     * the right edge).
     *
     * @param cost the cumulative cost of all evaluations finished by then
     * @param seconds seconds from the study's first start to this evaluation's end; NaN if unknown
     * @param best the best value at this budget so far
     * @param jobId the evaluation that set it, -1 for the closing point
     */
    record Point(double cost, double seconds, double best, int jobId) {
    }

    /** The improvements at one budget, in order. */
    record Trace(double budget, List<Point> points) {
    }

    private Progress() {
    }

    /**
     * The traces, one per budget in increasing order. Evaluations count in order of their end
     * (job id where ends are unknown); one with an unknown cost counts its budget.
     */
    static List<Trace> traces(ReportData data) {
        List<ReportRow> done = new ArrayList<>();
        Instant origin = null;
        for (ReportRow r : data.rows()) {
            if (r.isDone()) {
                done.add(r);
            }
            Instant first = r.start() != null ? r.start() : r.end();
            if (first != null && (origin == null || first.isBefore(origin))) {
                origin = first;
            }
        }
        done.sort(Comparator.comparing((ReportRow r) -> r.end(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(ReportRow::jobId));
        Map<Double, List<Point>> points = new TreeMap<>();
        Map<Double, Double> best = new TreeMap<>();
        double cost = 0;
        double seconds = Double.NaN;
        for (ReportRow r : done) {
            cost += Double.isNaN(r.cost()) ? r.budget() : r.cost();
            seconds = r.end() == null || origin == null ? Double.NaN
                    : Duration.between(origin, r.end()).toNanos() / 1e9;
            if (r.state() != EvaluationState.FINISHED) {
                continue;
            }
            Double current = best.get(r.budget());
            if (current == null || data.better(r.value(), current)) {
                best.put(r.budget(), r.value());
                points.computeIfAbsent(r.budget(), b -> new ArrayList<>())
                        .add(new Point(cost, seconds, r.value(), r.jobId()));
            }
        }
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<Double, List<Point>> e : points.entrySet()) {
            List<Point> trace = e.getValue();
            trace.add(new Point(cost, seconds, best.get(e.getKey()), -1));
            traces.add(new Trace(e.getKey(), List.copyOf(trace)));
        }
        return traces;
    }
}
