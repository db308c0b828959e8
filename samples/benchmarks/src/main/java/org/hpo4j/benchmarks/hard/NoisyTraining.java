package org.hpo4j.benchmarks.hard;

import org.hpo4j.benchmarks.misleading.SyntheticTrainingRun;
import org.hpo4j.benchmarks.misleading.TrainingCurve;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/**
 * noisy-training: a smooth training run observed with noise as large as the differences between
 * good configurations (standard deviation {@link #NOISE} at every budget), as when validation sets
 * are small or training seeds vary. Regret is on the noise-free value, so an optimizer that trusts
 * one lucky observation keeps a poor incumbent. Formulas in the module README.
 */
public final class NoisyTraining extends SyntheticTrainingRun {
    /** Standard deviation of the observation noise, at every budget. */
    public static final double NOISE = 0.02;
    /**
     * The smallest true value: effective step {@code lr / (1 - momentum) = 0.1}, dropout 0.3 and
     * width 256 ({@code HardProblemsTest} recomputes it by enumerating the widths).
     */
    public static final double OPTIMUM = TrainingCurve.error(0.10, 4, TrainingCurve.MAX_EPOCHS);

    /** The time constant of every run, in epochs (as in {@link #OPTIMUM}). */
    static final double TIME_CONSTANT = 4;

    /** The problem with its space and known optimum. */
    public NoisyTraining() {
        super("noisy-training", SearchSpace.builder()
                .add(FloatParameter.logUniform("lr", 1e-4, 1))
                .add(FloatParameter.uniform("momentum", 0, 0.99))
                .add(IntParameter.logUniform("width", 16, 1024))
                .add(FloatParameter.uniform("dropout", 0, 0.8)), OPTIMUM, NOISE);
    }

    @Override
    protected double value(Configuration c, double epochs) {
        return value(c.getDouble("lr"), c.getDouble("momentum"), c.getLong("width"), c.getDouble("dropout"), epochs);
    }

    /** The noise-free error after {@code epochs} epochs. */
    static double value(double lr, double momentum, long width, double dropout, double epochs) {
        double stepGap = Math.log10(lr / (1 - momentum)) + 1;
        double widthGap = Math.log(width / 256.0) / Math.log(2);
        double asymptote = 0.10 + 0.02 * stepGap * stepGap + 0.002 * widthGap * widthGap
                + 0.05 * (dropout - 0.3) * (dropout - 0.3);
        // one time constant for all: the budgets rank the noise-free values alike, the difficulty is the noise
        return TrainingCurve.error(asymptote, TIME_CONSTANT, epochs);
    }
}
