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
    public ImportanceEstimate {
        parameters = List.copyOf(parameters);
    }
}
