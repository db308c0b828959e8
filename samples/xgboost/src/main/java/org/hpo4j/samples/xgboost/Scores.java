package org.hpo4j.samples.xgboost;

/**
 * How good class probabilities are against the true labels.
 *
 * @param logLoss the mean negative log-probability of the true class (probabilities clipped at
 *     1e-15, as scikit-learn does)
 * @param accuracy the share of rows whose most probable class is the true one
 */
public record Scores(double logLoss, double accuracy) {
    private static final double EPS = 1e-15;

    /** The scores of {@code probabilities} (one row per example, one column per class) against {@code labels}. */
    public static Scores of(float[][] probabilities, int[] labels) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(probabilities.length + " predictions for " + labels.length + " labels");
        }
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            float[] p = probabilities[i];
            loss -= Math.log(Math.min(1 - EPS, Math.max(EPS, p[labels[i]])));
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return new Scores(loss / labels.length, (double) correct / labels.length);
    }
}
