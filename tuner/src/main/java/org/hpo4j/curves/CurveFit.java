package org.hpo4j.curves;

/**
 * One family fitted to a partial curve.
 *
 * @param family the curve family
 * @param parameters the fitted parameters (in the family's own parametrization)
 * @param residualVariance the estimated noise variance, residual sum of squares over the degrees of
 *     freedom
 * @param bic the Bayesian information criterion of the fit (lower is better)
 * @param covariance the parameters' covariance (noise variance times the inverse of J^T J)
 */
public record CurveFit(CurveFamily family, double[] parameters, double residualVariance, double bic,
                       double[][] covariance) {

    /** The fitted curve at step {@code x}. */
    public double value(double x) {
        return family.value(x, parameters);
    }

    /**
     * The variance of a prediction at step {@code x}: the noise plus the parameters' uncertainty
     * carried to {@code x} to first order.
     */
    public double predictiveVariance(double x) {
        int p = parameters.length;
        double[] g = new double[p];
        for (int i = 0; i < p; i++) {
            double h = 1e-6 * (1 + Math.abs(parameters[i]));
            double[] up = parameters.clone();
            double[] down = parameters.clone();
            up[i] += h;
            down[i] -= h;
            g[i] = (family.value(x, up) - family.value(x, down)) / (2 * h);
        }
        double v = residualVariance;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                v += g[i] * covariance[i][j] * g[j];
            }
        }
        return v;
    }
}
