package org.hpo4j.report;

/**
 * A value an evaluation reported on its way, e.g. the validation error after each epoch.
 *
 * @param step where in the evaluation (an epoch, an iteration)
 * @param value the objective's value there, as reported
 */
public record IntermediateValue(double step, double value) {
}
