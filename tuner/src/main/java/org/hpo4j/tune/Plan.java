package org.hpo4j.tune;

import java.nio.file.Path;
import java.time.Duration;
import org.hpo4j.optimizer.OptimizerSettings;

/**
 * A checked {@link TuneRequest} resolved against the objective class: the defaults filled in from
 * its annotations.
 *
 * @param className the class to tune
 * @param study the study's name
 * @param optimizer the optimizer's registry name
 * @param settings the optimizer's settings (budgets from {@code @Budget} unless overridden)
 * @param budgetName the budget field, {@code null} when the class has none
 * @param maxEvaluations stop after this many evaluations, 0 for no bound
 * @param maxCost stop once the budgets spent reach this, 0 for no bound
 * @param timeLimit stop after this wall time, {@code null} for none
 * @param output the properties file to write
 */
public record Plan(String className, String study, String optimizer, OptimizerSettings settings, String budgetName,
                   int maxEvaluations, double maxCost, Duration timeLimit, Path output) {
}
