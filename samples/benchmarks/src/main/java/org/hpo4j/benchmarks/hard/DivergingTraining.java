package org.hpo4j.benchmarks.hard;

import java.util.random.RandomGenerator;
import org.hpo4j.benchmarks.BenchmarkProblem;
import org.hpo4j.benchmarks.misleading.TrainingCurve;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/**
 * diverging-training: the best learning rate lies just below the one at which training diverges.
 * A run whose effective step {@code lr / (1 - momentum)} exceeds its width's stable step (smaller
 * for wider networks) diverges: its loss becomes NaN, the objective fails, at an epoch that comes
 * sooner the further the step is beyond the stable one. Until then such runs learn fastest, so
 * small budgets favour them. A quarter of the space diverges by the full budget; what a diverged
 * run leaves a user is an untrained network, so its true value is {@link TrainingCurve#START}.
 * Observed with {@link TrainingCurve#NOISE}; formulas in the module README.
 */
public final class DivergingTraining implements BenchmarkProblem {
    /** The stable effective step of width 256; it scales with {@code 1 / sqrt(width)}. */
    static final double STABLE_STEP_AT_256 = 0.6;
    /** The best effective step as a fraction of the stable one. */
    static final double BEST_STEP_FRACTION = 0.7;
    /**
     * The smallest true value: width 1024, dropout 0.2 and the step {@code 0.7 * 0.3}, where the
     * asymptote is 0.0875 and the curve has converged ({@code HardProblemsTest} recomputes it).
     */
    public static final double OPTIMUM = 0.0875;

    private final SearchSpace space = SearchSpace.builder()
            .add(FloatParameter.logUniform("lr", 1e-4, 1))
            .add(FloatParameter.uniform("momentum", 0, 0.99))
            .add(IntParameter.logUniform("width", 16, 1024))
            .add(FloatParameter.uniform("dropout", 0, 0.8))
            .budget("epochs", TrainingCurve.MAX_EPOCHS / 81, TrainingCurve.MAX_EPOCHS, false)
            .build();

    @Override
    public String name() {
        return "diverging-training";
    }

    @Override
    public SearchSpace space() {
        return space;
    }

    @Override
    public double maxBudget() {
        return TrainingCurve.MAX_EPOCHS;
    }

    @Override
    public double evaluate(Configuration configuration, double budget, RandomGenerator random) {
        checkBudget(budget);
        double value = value(configuration, budget);
        // NaN stays NaN: the runner's Result.of turns it into a failure, as a diverged run is
        return random == null ? value : value + TrainingCurve.NOISE * random.nextGaussian();
    }

    @Override
    public double trueValue(Configuration configuration) {
        double value = value(configuration, TrainingCurve.MAX_EPOCHS);
        return Double.isNaN(value) ? TrainingCurve.START : value;
    }

    @Override
    public double optimum() {
        return OPTIMUM;
    }

    private static double value(Configuration c, double epochs) {
        return value(c.getDouble("lr"), c.getDouble("momentum"), c.getLong("width"), c.getDouble("dropout"), epochs);
    }

    /** The noise-free error after {@code epochs} epochs; NaN once the run has diverged. */
    static double value(double lr, double momentum, long width, double dropout, double epochs) {
        double step = lr / (1 - momentum);
        if (epochs >= divergenceEpoch(step, width)) {
            return Double.NaN;
        }
        double stepGap = Math.log10(step / (BEST_STEP_FRACTION * stableStep(width)));
        double asymptote = 0.08 + 0.04 * stepGap * stepGap + 0.06 * Math.sqrt(16.0 / width)
                + 0.05 * (dropout - 0.2) * (dropout - 0.2);
        // larger steps learn faster: the runs about to diverge look best at small budgets
        double timeConstant = Math.min(40, Math.max(1, 4 * Math.sqrt(0.1 / step)));
        return TrainingCurve.error(asymptote, timeConstant, epochs);
    }

    /** The largest effective step that trains stably at {@code width}. */
    static double stableStep(long width) {
        return STABLE_STEP_AT_256 * Math.sqrt(256.0 / width);
    }

    /** The epoch at which a run diverges: never within a stable step, sooner the further beyond it. */
    static double divergenceEpoch(double step, long width) {
        double stable = stableStep(width);
        return step <= stable ? Double.POSITIVE_INFINITY : TrainingCurve.MAX_EPOCHS * Math.pow(stable / step, 3);
    }
}
