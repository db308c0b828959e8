package org.hpo4j.report;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hpo4j.annotations.Direction;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.optimizer.Directions;

/**
 * Everything a report shows, independent of where the study is stored: the study's identity, its
 * search space and its evaluations.
 *
 * @param studyName the study's name
 * @param direction whether smaller or larger values are better
 * @param optimizer the optimizer's name, e.g. {@code hyperband}
 * @param seed the study's seed
 * @param space the search space the configurations belong to
 * @param rows the evaluations, ordered by job id
 * @param criteria the objectives and constraints ({@code Criteria.single(direction)} for one objective)
 */
public record ReportData(String studyName, Direction direction, String optimizer, long seed, SearchSpace space,
                         List<ReportRow> rows, org.hpo4j.trial.Criteria criteria) {

    /** The data of a study of one objective. */
    public ReportData(String studyName, Direction direction, String optimizer, long seed, SearchSpace space,
                      List<ReportRow> rows) {
        this(studyName, direction, optimizer, seed, space, rows, org.hpo4j.trial.Criteria.single(direction));
    }

    public ReportData {
        Objects.requireNonNull(studyName, "studyName");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(criteria, "criteria");
        rows = rows.stream().sorted(Comparator.comparingInt(ReportRow::jobId)).toList();
        Set<Integer> ids = new HashSet<>();
        for (ReportRow r : rows) {
            if (!ids.add(r.jobId())) {
                throw new IllegalArgumentException("study '" + studyName + "': job " + r.jobId() + " appears twice");
            }
            for (String name : r.configuration().names()) {
                if (!space.contains(name)) {
                    throw new IllegalArgumentException("study '" + studyName + "': job " + r.jobId()
                            + " has parameter '" + name + "', which is not in the search space");
                }
            }
        }
    }

    /** Whether {@code a} is strictly better than {@code b} in this study's direction. */
    public boolean better(double a, double b) {
        return Directions.better(direction, a, b);
    }

    /** The best finished evaluation at the largest budget that has one, ties to the earliest job. */
    public Optional<ReportRow> best() {
        ReportRow best = null;
        for (ReportRow r : rows) {
            if (r.state() != EvaluationState.FINISHED) {
                continue;
            }
            if (best == null || r.budget() > best.budget()
                    || (r.budget() == best.budget() && better(r.value(), best.value()))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The number of rows in {@code state}. */
    public long count(EvaluationState state) {
        return rows.stream().filter(r -> r.state() == state).count();
    }
}
