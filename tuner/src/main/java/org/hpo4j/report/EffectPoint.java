package org.hpo4j.report;

/**
 * One point of a parameter's estimated main effect: the model's mean prediction when the parameter
 * is set to this value and the others keep their observed values.
 *
 * @param value the parameter's value for numeric parameters; NaN for categorical ones
 * @param label the value as text (a categorical choice, or the number)
 * @param predicted the model's mean prediction
 */
public record EffectPoint(double value, String label, double predicted) {
}
