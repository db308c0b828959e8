package org.hpo4j.curves;

import java.util.List;
import org.apache.commons.math3.special.Erf;

/**
 * What {@link LearningCurveModel} predicts for the value at the final step: a mixture of gaussians,
 * one per fitted family, with the family's weight.
 *
 * @param finalStep the step predicted
 * @param fits the families that were fitted and used
 * @param weights their weights, summing to 1
 * @param means each family's predicted value
 * @param sds each family's predictive standard deviation
 */
public record Prediction(double finalStep, List<CurveFit> fits, double[] weights, double[] means, double[] sds) {

    static Prediction empty(double finalStep) {
        return new Prediction(finalStep, List.of(), new double[0], new double[0], new double[0]);
    }

    /** Whether no family could be fitted, so nothing is predicted. */
    public boolean isEmpty() {
        return fits.isEmpty();
    }

    /** The mixture's mean; NaN when empty. */
    public double mean() {
        if (isEmpty()) {
            return Double.NaN;
        }
        double m = 0;
        for (int k = 0; k < weights.length; k++) {
            m += weights[k] * means[k];
        }
        return m;
    }

    /** The mixture's standard deviation (within and between families); NaN when empty. */
    public double sd() {
        if (isEmpty()) {
            return Double.NaN;
        }
        double m = mean();
        double second = 0;
        for (int k = 0; k < weights.length; k++) {
            second += weights[k] * (sds[k] * sds[k] + means[k] * means[k]);
        }
        return Math.sqrt(Math.max(0, second - m * m));
    }

    /** The probability that the final value is below {@code threshold}; NaN when empty. */
    public double probabilityBelow(double threshold) {
        if (isEmpty()) {
            return Double.NaN;
        }
        double p = 0;
        for (int k = 0; k < weights.length; k++) {
            p += weights[k] * 0.5 * Erf.erfc(-(threshold - means[k]) / (sds[k] * Math.sqrt(2)));
        }
        return Math.min(1, Math.max(0, p));
    }

    /** The probability that the final value is above {@code threshold}; NaN when empty. */
    public double probabilityAbove(double threshold) {
        return isEmpty() ? Double.NaN : 1 - probabilityBelow(threshold);
    }
}
