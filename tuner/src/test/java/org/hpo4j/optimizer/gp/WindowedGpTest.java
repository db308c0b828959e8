package org.hpo4j.optimizer.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowedGpTest {
    private static final int[] GROUP = {0, 1};
    private static final double[] FAR = {4.0, 1.0};

    /** Five results close together at the full budget (budget coordinate 1), values 1 to 5. */
    private static List<ModelPoint> cluster() {
        List<ModelPoint> points = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            double x = 0.45 + 0.025 * i;
            points.add(new ModelPoint(new double[] {x}, new double[] {x, 1.0}, 0, 1 + i, 0));
        }
        return points;
    }

    private static GaussianProcess conditioned(boolean worstAsPriorMean) {
        WindowedGp gp = new WindowedGp(GROUP, 2, HyperGpSettings.defaults(), worstAsPriorMean);
        gp.rebuild(cluster());
        return gp.model();
    }

    @Test
    void withTheWorstResultAsPriorMeanFarConfigurationsArePredictedAtTheWorstValueNotTheAverage() {
        double[] y = ModelPoint.standardized(cluster());
        double best = y[0];
        double worst = y[4];
        GaussianProcess average = conditioned(false);
        GaussianProcess pessimistic = conditioned(true);
        // far from every result the posterior mean is the prior mean: on the targets' scale, the
        // results' mean (0) against the worst result; measured from the best result's prediction
        double nearBestAverage = average.predictMean(new double[] {0.45, 1.0});
        double nearBestPessimistic = pessimistic.predictMean(new double[] {0.45, 1.0});
        assertEquals(0 - best, average.predictMean(FAR) - nearBestAverage, 0.05);
        assertEquals(worst - best, pessimistic.predictMean(FAR) - nearBestPessimistic, 0.05);
        // so a far corner's expected improvement is smaller: the search stays nearer the results
        double[] far = new double[2];
        average.predict(FAR, far);
        double eiAverage = AcquisitionSearch.expectedImprovement(nearBestAverage, far[0], Math.sqrt(far[1]));
        pessimistic.predict(FAR, far);
        double eiPessimistic = AcquisitionSearch.expectedImprovement(nearBestPessimistic, far[0], Math.sqrt(far[1]));
        assertTrue(eiPessimistic < 0.7 * eiAverage, eiPessimistic + " against " + eiAverage);
    }
}
