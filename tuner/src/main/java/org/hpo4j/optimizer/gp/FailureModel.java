package org.hpo4j.optimizer.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Where evaluations fail, as the "unknown constraints" of Gelbart, Snoek and Adams (2014): a GP
 * regression on the outcomes (failed +1/2, succeeded -1/2) with the objective GP's length-scales,
 * whose mean plus 1/2 is the chance that a run fails there. Expected improvement is multiplied by
 * the chance of success, so proposals leave a region where runs fail (a learning rate that
 * diverges) without the failures' values entering the objective's model (the optimizers believe a
 * failed configuration at their model's mean, which only removes its variance).
 *
 * <p>Why not the worst result in the objective's model, as SMAC charges a crash: on branin-mf with
 * 15 % of the evaluations failing at random, whatever the configuration, that put values hundreds
 * of times the spread of the good ones into the model, and hyper-gp's median regret at cost 30 rose
 * from 0.0022 to 0.41 (8 seeds; BENCHMARKS.md, "Failed runs"). Here a failure at random only lowers
 * the chance next to itself.
 *
 * <p>The noise variance equals the signal variance: one failure makes a run next to it fail with
 * chance 3/4, several make it near certain, and far from every outcome the chance is 1/2. Inactive
 * (no factor at all) until the first failure, so an optimizer behaves as before on problems where
 * nothing fails. The outcomes are the most recent {@link #WINDOW}.
 */
final class FailureModel {
    /** At most this many failures, the most recent, are believed in the objective's GP. */
    private static final int BELIEVED = 64;
    /** At most this many outcomes, the most recent, enter the fit. */
    static final int WINDOW = 256;
    /** Variance of the ±1/2 outcomes: the signal variance, and the noise variance as well. */
    private static final double VARIANCE = 0.25;

    private final List<double[]> inputs = new ArrayList<>();
    private final List<Boolean> failed = new ArrayList<>();
    /** The inputs of the failed evaluations, in the order told. */
    private final List<double[]> failures = new ArrayList<>();

    /** Records the outcome of one evaluation, at the model's input of its configuration. */
    void add(double[] input, boolean failure) {
        inputs.add(input);
        failed.add(failure);
        if (failure) {
            failures.add(input);
        }
    }

    /** Whether any evaluation has failed: until then the chance of success is 1 everywhere. */
    boolean active() {
        return !failures.isEmpty();
    }

    /**
     * The inputs of the most recent failures, at most {@link #BELIEVED}, for the objective's GP to
     * believe at its own mean (running jobs are believed so too).
     */
    List<double[]> recentFailures() {
        return Collections.unmodifiableList(failures.subList(Math.max(0, failures.size() - BELIEVED), failures.size()));
    }

    /**
     * The chance of success over the inputs, with the length-scales of {@code theta} (an objective
     * GP's hyperparameters over inputs grouped by {@code group}); null while nothing failed or
     * when the outcomes cannot be factored.
     */
    Chance chance(int[] group, double[] theta) {
        if (!active()) {
            return null;
        }
        int from = Math.max(0, inputs.size() - WINDOW);
        int n = inputs.size() - from;
        double[][] xs = new double[n][];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = inputs.get(from + i);
            ys[i] = failed.get(from + i) ? 0.5 : -0.5;
        }
        double[] outcomeTheta = Arrays.copyOf(theta, theta.length);
        outcomeTheta[theta.length - 2] = Math.log(VARIANCE);
        outcomeTheta[theta.length - 1] = Math.log(VARIANCE);
        GaussianProcess process = GaussianProcess.fit(group, outcomeTheta, xs, ys, n);
        return process == null ? null : new Chance(process);
    }

    /** The chance that a run at an input succeeds. */
    static final class Chance {
        private final GaussianProcess process;

        private Chance(GaussianProcess process) {
            this.process = process;
        }

        /** The chance of success at {@code input}, in [0, 1]. */
        double of(double[] input) {
            double failure = 0.5 + process.predictMean(input);
            return 1 - Math.min(1, Math.max(0, failure));
        }
    }
}
