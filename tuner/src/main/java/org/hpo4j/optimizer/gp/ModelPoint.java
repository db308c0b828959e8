package org.hpo4j.optimizer.gp;

import java.util.ArrayList;
import java.util.List;

/**
 * A result as {@link MultiFidelityGp} models it.
 *
 * @param unit the configuration's unit encoding
 * @param input the GP's input: the configuration's features and the budget coordinate
 * @param level the budget level, 0 for the smallest
 * @param value the value to minimize
 * @param inflation the factor on the signal variance added to its noise: 0 for an own result,
 *     {@code 1/w - 1} for a warm-start prior of weight {@code w}
 */
record ModelPoint(double[] unit, double[] input, int level, double value, double inflation) {

    boolean own() {
        return inflation == 0;
    }

    /** At most {@code max} of {@code points}: the best third and an even spread of the rest. */
    static List<ModelPoint> bestAndSpread(List<ModelPoint> points, int max) {
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(i).value();
        }
        List<ModelPoint> out = new ArrayList<>();
        for (int i : PointSubset.bestAndSpread(values, values.length, max, max / 3)) {
            out.add(points.get(i));
        }
        return out;
    }

    /** The values of {@code points}, standardized to mean 0 and spread 1 (spread 1 when all are equal). */
    static double[] standardized(List<ModelPoint> points) {
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(i).value();
        }
        return GaussianProcess.standardize(values, values.length);
    }
}
