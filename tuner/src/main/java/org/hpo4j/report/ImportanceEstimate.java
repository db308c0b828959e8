package org.hpo4j.report;

import java.util.List;

/**
 * Hyperparameter importance estimated from the evaluations at one budget.
 *
 * @param budget the budget whose evaluations the model was fitted to
 * @param evaluations how many finished evaluations that was
 * @param parameters every parameter, most important first
 */
public record ImportanceEstimate(double budget, int evaluations, List<ParameterImportance> parameters) {
    /** The fewest evaluations an estimate rests on to count as reliable, however few the parameters. */
    public static final int RELIABLE_MINIMUM = 30;
    /** Evaluations per parameter an estimate needs to count as reliable. */
    public static final int RELIABLE_PER_PARAMETER = 10;

    public ImportanceEstimate {
        parameters = List.copyOf(parameters);
    }

    /**
     * The evaluations a reliable estimate needs: {@value #RELIABLE_PER_PARAMETER} per parameter (the
     * regression rule of thumb of ten observations per predictor; a forest that has fewer mostly fits
     * noise, and its main effects then add up to little), at least {@value #RELIABLE_MINIMUM}.
     */
    public int reliableEvaluations() {
        return Math.max(RELIABLE_MINIMUM, RELIABLE_PER_PARAMETER * parameters.size());
    }

    /** Whether the estimate rests on {@link #reliableEvaluations()} evaluations or more. */
    public boolean reliable() {
        return evaluations >= reliableEvaluations();
    }

    /** The main effects together, a fraction in [0, 1]: what the parameters explain on their own. */
    public double mainEffectsTotal() {
        return parameters.stream().mapToDouble(ParameterImportance::importance).sum();
    }
}
