package org.hpo4j.study;

import java.util.List;
import org.hpo4j.curves.CurveStopper;
import org.hpo4j.objective.Evaluation;

/**
 * The stop signal of one evaluation: asks the curve stopper when a new value was reported since
 * the last question (a fit is costly, an objective may ask often); once it said stop, it stays.
 */
final class StopCheck {
    private final CurveStopper stopper;
    private final double finalStep;
    private final double incumbent;
    private int asked;
    private volatile boolean stopped;

    StopCheck(CurveStopper stopper, double finalStep, double incumbent) {
        this.stopper = stopper;
        this.finalStep = finalStep;
        this.incumbent = incumbent;
    }

    /** Whether the stopper said stop. */
    boolean stopped() {
        return stopped;
    }

    /** Whether to stop, given the reports so far. */
    synchronized boolean decide(List<Evaluation.Report> reports) {
        if (stopped) {
            return true;
        }
        if (reports.size() == asked) {
            return false;
        }
        asked = reports.size();
        double[] steps = new double[reports.size()];
        double[] values = new double[reports.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = reports.get(i).step();
            values[i] = reports.get(i).value();
            if (!Double.isFinite(values[i]) || !(steps[i] > 0) || (i > 0 && !(steps[i] > steps[i - 1]))) {
                // not a learning curve the stopper can read: let the evaluation run
                return false;
            }
        }
        stopped = stopper.decide(steps, values, finalStep, incumbent).stop();
        return stopped;
    }
}
