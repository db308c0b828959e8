package org.hpo4j.objective;

import java.util.Arrays;
import java.util.List;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Directions;
import org.hpo4j.optimizer.Result;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Score;

/**
 * A result as an optimizer, which minimizes, is told it: the one value negated when the study
 * maximizes; with several objectives or constraints, every objective to minimize and each
 * constraint's violation ({@link Criteria#minimized}, {@link Criteria#violations}). The one
 * conversion for a study's own results and for the priors of a warm start.
 */
public final class MinimizedResults {
    private MinimizedResults() {
    }

    /**
     * {@code result} (the user's values, as stored) as the optimizer is told it. A failure stays a
     * failure; a result whose number of objective or constraint values does not fit {@code criteria}
     * becomes one (e.g. stopped early with the first objective's last report only: nothing to rank
     * it by).
     *
     * @param direction the study's direction, for a study of one value
     */
    public static Result of(Criteria criteria, Direction direction, Result result) {
        if (result.isFailure()) {
            return result;
        }
        if (!criteria.hasVectors()) {
            return Result.of(Directions.minimized(direction, result.value()));
        }
        if (result.objectives().size() != criteria.objectives().size()
                || result.constraints().size() != criteria.constraints().size()) {
            return Result.failed("returned " + result.objectives().size() + " objective and "
                    + result.constraints().size() + " constraint values where the study has "
                    + criteria.objectives().size() + " and " + criteria.constraints().size());
        }
        Score score = new Score(result.objectives(), result.constraints());
        return Result.of(boxed(criteria.minimized(score)), boxed(criteria.violations(score)));
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
