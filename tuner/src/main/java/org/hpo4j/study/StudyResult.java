package org.hpo4j.study;

import java.util.List;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Directions;

/**
 * What a study did: its evaluations in the order they finished, the cost spent and the incumbent.
 *
 * @param name the study's name
 * @param direction whether values are minimized or maximized
 * @param evaluations every finished evaluation, failures included, in order of completion
 */
public record StudyResult(String name, Direction direction, List<Evaluation> evaluations) {

    public StudyResult {
        evaluations = List.copyOf(evaluations);
    }

    /** Sum of the evaluations' costs, in full evaluations. */
    public double totalCost() {
        double sum = 0;
        for (Evaluation e : evaluations) {
            sum += e.cost();
        }
        return sum;
    }

    /** Number of failed evaluations. */
    public long failures() {
        return evaluations.stream().filter(Evaluation::isFailure).count();
    }

    /**
     * The incumbent by HpBandSter's rule: among successful evaluations at the highest budget any
     * successful evaluation reached, the one with the best observed value (the first of equals).
     * Empty when no evaluation succeeded.
     */
    public Optional<Evaluation> incumbent() {
        return incumbent(evaluations, direction);
    }

    /**
     * The incumbent once the cost spent reached {@code cost}: the same rule over the longest prefix
     * of the evaluations whose cumulative cost does not exceed {@code cost} (with a small tolerance
     * for rounding of the sum).
     */
    public Optional<Evaluation> incumbentAtCost(double cost) {
        double sum = 0;
        int n = 0;
        for (Evaluation e : evaluations) {
            sum += e.cost();
            if (sum > cost * (1 + 1e-12) + 1e-12) {
                break;
            }
            n++;
        }
        return incumbent(evaluations.subList(0, n), direction);
    }

    /** HpBandSter's incumbent rule over {@code evaluations}. */
    public static Optional<Evaluation> incumbent(List<Evaluation> evaluations, Direction direction) {
        double highest = Double.NEGATIVE_INFINITY;
        for (Evaluation e : evaluations) {
            // an evaluation stopped early never reached its budget; its value does not count there
            if (!e.isFailure() && !e.stoppedEarly()) {
                highest = Math.max(highest, e.job().budget());
            }
        }
        Evaluation best = null;
        for (Evaluation e : evaluations) {
            if (e.isFailure() || e.stoppedEarly() || e.job().budget() != highest) {
                continue;
            }
            if (best == null || Directions.better(direction, e.value(), best.value())) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }
}
