package org.hpo4j.tune;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;

/**
 * A checked {@link TuneRequest} resolved against the objective class: the defaults filled in from
 * its annotations.
 *
 * @param className the class to tune
 * @param study the study's name
 * @param optimizer the optimizer's registry name
 * @param fidelity the budget range (from {@code @Budget} unless overridden)
 * @param seed the study's and the optimizer's seed
 * @param brackets eta and the bound on iterations of an optimizer with brackets; empty for the others
 * @param budgetName the budget field, {@code null} when the class has none
 * @param maxEvaluations stop after this many evaluations, 0 for no bound
 * @param maxCost stop once the budgets spent reach this, 0 for no bound
 * @param timeLimit stop after this wall time, {@code null} for none
 * @param output the properties file to write
 */
public record Plan(String className, String study, String optimizer, Fidelity fidelity, long seed,
                   Optional<HyperbandSettings> brackets, String budgetName,
                   int maxEvaluations, double maxCost, Duration timeLimit, Path output) {
}
