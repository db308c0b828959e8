package org.hpo4j.benchmarks.misleading;

import java.util.List;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/**
 * crossing-curves: SGD whose effective step {@code g = log10(lr / (1 - momentum)) - 0.5
 * log10(batch / 128)} sets both the speed and the floor. A large step converges fast and plateaus
 * high, a small one converges slowly to a low error, so the learning curves cross: after a few
 * epochs the best runs are those just short of divergence ({@code g > 0.5}), at 81 epochs those
 * near {@code g = -0.92}. A decaying schedule lowers the floor of large steps; dropout and batch
 * size shift the floor. Formulas in the module README.
 */
public final class CrossingCurves extends SyntheticTrainingRun {
    /**
     * The smallest true value: batch 64, cosine schedule, dropout 0.15 and the best effective step
     * ({@code MisleadingProblemsTest} recomputes it).
     */
    public static final double OPTIMUM = 0.0604955618591;
    /** The effective step with the lowest floor. */
    static final double BEST_STEP = -1.0;
    /** Above this effective step training diverges. */
    static final double DIVERGENCE = 0.5;

    /** The problem with its space and known optimum. */
    public CrossingCurves() {
        super("crossing-curves", SearchSpace.builder()
                .add(FloatParameter.logUniform("lr", 1e-4, 1))
                .add(FloatParameter.uniform("momentum", 0, 0.99))
                .add(IntParameter.logUniform("batch_size", 16, 1024))
                .add(CategoricalParameter.of("schedule", List.of("constant", "step", "cosine")))
                .add(FloatParameter.uniform("dropout", 0, 0.5)), OPTIMUM);
    }

    @Override
    protected double value(Configuration c, double epochs) {
        long batch = c.getLong("batch_size");
        double step = effectiveStep(c.getDouble("lr"), c.getDouble("momentum"), batch);
        return value(step, batch, c.getString("schedule"), c.getDouble("dropout"), epochs);
    }

    /** {@code g}: the log10 of the effective learning rate. */
    static double effectiveStep(double lr, double momentum, long batch) {
        return Math.log10(lr / (1 - momentum)) - 0.5 * Math.log10(batch / 128.0);
    }

    /** The noise-free error after {@code epochs} epochs at effective step {@code step}. */
    static double value(double step, long batch, String schedule, double dropout, double epochs) {
        if (step > DIVERGENCE) {
            return TrainingCurve.START;
        }
        double d = step - BEST_STEP;
        double tau = Math.min(400, Math.max(0.3, 12 * Math.pow(10, -0.9 * d)));
        double tooLarge = Math.max(0, d);
        double tooSmall = Math.max(0, -d);
        double batchGap = Math.log(batch / 64.0) / Math.log(2);
        double asymptote = 0.06 + annealing(schedule) * 0.08 * tooLarge * tooLarge + 0.03 * tooSmall * tooSmall
                + 0.003 * batchGap * batchGap + 0.1 * (dropout - 0.15) * (dropout - 0.15);
        return TrainingCurve.error(asymptote, tau, epochs);
    }

    /** How much of a large step's floor penalty the schedule keeps. */
    static double annealing(String schedule) {
        return switch (schedule) {
            case "constant" -> 1.0;
            case "step" -> 0.6;
            case "cosine" -> 0.4;
            default -> throw new IllegalArgumentException("crossing-curves: unknown schedule '" + schedule + "'");
        };
    }
}
