package org.hpo4j.benchmarks.misleading;

import java.util.List;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/**
 * slow-big-models: larger networks reach a lower error but converge more slowly, so small budgets
 * favour small models. Capacity {@code u = log2(width / 16) + 0.8 (layers - 1)} lowers the
 * asymptote and lengthens the time constant; the best learning rate shrinks with capacity; the
 * activation that converges fastest (tanh) has the highest floor, the slowest (gelu) the lowest.
 * Formulas in the module README.
 */
public final class SlowBigModels extends SyntheticTrainingRun {
    /**
     * The smallest true value: 4 layers, width 486, gelu, the best learning rate of that capacity,
     * weight decay 1e-4 ({@code MisleadingProblemsTest} recomputes it by enumeration).
     */
    public static final double OPTIMUM = 0.06518736551668640;

    /** The problem with its space and known optimum. */
    public SlowBigModels() {
        super("slow-big-models", SearchSpace.builder()
                .add(IntParameter.uniform("layers", 1, 8))
                .add(IntParameter.logUniform("width", 16, 2048))
                .add(FloatParameter.logUniform("lr", 1e-4, 1))
                .add(FloatParameter.logUniform("weight_decay", 1e-6, 1e-1))
                .add(CategoricalParameter.of("activation", List.of("relu", "gelu", "tanh"))), OPTIMUM);
    }

    @Override
    protected double value(Configuration c, double epochs) {
        return value(c.getLong("layers"), c.getLong("width"), c.getDouble("lr"), c.getDouble("weight_decay"),
                c.getString("activation"), epochs);
    }

    /** The noise-free error after {@code epochs} epochs. */
    static double value(long layers, long width, double lr, double weightDecay, String activation, double epochs) {
        double u = capacity(layers, width);
        double floorOffset;
        double slowdown;
        switch (activation) {
            case "relu" -> {
                floorOffset = 0;
                slowdown = 1;
            }
            case "gelu" -> {
                floorOffset = -0.006;
                slowdown = 1.15;
            }
            case "tanh" -> {
                floorOffset = 0.02;
                slowdown = 0.8;
            }
            default -> throw new IllegalArgumentException("slow-big-models: unknown activation '" + activation + "'");
        }
        double lrGap = Math.log10(lr) - Math.log10(bestLearningRate(u));
        double decayGap = Math.log10(weightDecay) + 4;
        double asymptote = 0.04 + 0.30 * Math.exp(-u / 3) + floorOffset + 0.04 * lrGap * lrGap + 0.01 * decayGap * decayGap;
        double tau = 1.2 * Math.exp(u / 3) * slowdown;
        return TrainingCurve.error(asymptote, tau, epochs);
    }

    /** {@code u}: 0 for one layer of 16 units, 12.6 for eight layers of 2048. */
    static double capacity(long layers, long width) {
        return Math.log(width / 16.0) / Math.log(2) + 0.8 * (layers - 1);
    }

    /** The learning rate without penalty for capacity {@code u}: {@code 0.2 exp(-u / 5)}. */
    static double bestLearningRate(double u) {
        return 0.2 * Math.exp(-u / 5);
    }
}
