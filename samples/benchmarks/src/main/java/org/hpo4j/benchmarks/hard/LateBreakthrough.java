package org.hpo4j.benchmarks.hard;

import java.util.List;
import org.hpo4j.benchmarks.misleading.SyntheticTrainingRun;
import org.hpo4j.benchmarks.misleading.TrainingCurve;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/**
 * late-breakthrough: learning curves that plateau, then drop. Every run first falls to a plateau
 * near 0.4 error; at a breakthrough epoch that grows with the width and with a smaller learning
 * rate it drops to its floor, which is lower for wider networks. Until the widest networks break
 * through, the small ones look best (they break through early), so small budgets rank them wrongly.
 * The best weight decay is the lower end of its log-scaled range and the best dropout 0, so the
 * optimum also lies on the boundary of the space. Deterministic; formulas in the module README.
 */
public final class LateBreakthrough extends SyntheticTrainingRun {
    /** The smallest weight decay, which is also the best. */
    static final double MIN_WEIGHT_DECAY = 1e-5;
    /**
     * The smallest true value: width 2048 without warm-up... as {@code HardProblemsTest}
     * recomputes it (widths and warm-up enumerated, the learning rate by golden section, weight
     * decay and dropout at their lower bounds).
     */
    public static final double OPTIMUM = 0.054693026335331935;

    /** The problem with its space and known optimum. */
    public LateBreakthrough() {
        super("late-breakthrough", SearchSpace.builder()
                .add(FloatParameter.logUniform("lr", 1e-4, 1e-1))
                .add(IntParameter.logUniform("width", 32, 2048))
                .add(FloatParameter.logUniform("weight_decay", MIN_WEIGHT_DECAY, 1e-1))
                .add(FloatParameter.uniform("dropout", 0, 0.5))
                .add(CategoricalParameter.of("warmup", List.of("none", "linear"))), OPTIMUM, 0);
    }

    @Override
    protected double value(Configuration c, double epochs) {
        return value(c.getDouble("lr"), c.getLong("width"), c.getDouble("weight_decay"), c.getDouble("dropout"),
                c.getString("warmup").equals("linear"), epochs);
    }

    /** The noise-free error after {@code epochs} epochs. */
    static double value(double lr, long width, double weightDecay, double dropout, boolean warmup, double epochs) {
        double u = Math.log(width / 32.0) / Math.log(2);
        double breakthrough = breakthroughEpoch(lr, width, warmup);
        double lrGap = Math.log10(lr) + 2.5;
        double floor = 0.04 + 0.12 * Math.pow(2, -0.5 * u) + 0.02 * lrGap * lrGap
                + 0.0025 * Math.log10(weightDecay / MIN_WEIGHT_DECAY) + 0.02 * dropout - (warmup ? 0.005 : 0);
        double plateau = 0.40 - 0.05 * Math.pow(2, -0.5 * u);
        double notYet = 1 / (1 + Math.exp((epochs - breakthrough) / (0.1 * breakthrough + 1)));
        return floor + (plateau - floor) * notYet + (TrainingCurve.START - plateau) * Math.exp(-epochs / 3);
    }

    /** The epoch of the drop: 4 for width 32 at lr 1e-2, later for wider networks, smaller rates and with warm-up. */
    static double breakthroughEpoch(double lr, long width, boolean warmup) {
        double u = Math.log(width / 32.0) / Math.log(2);
        return 4 * Math.pow(2, 0.55 * u) * Math.pow(1e-2 / lr, 0.3) * (warmup ? 1.2 : 1);
    }
}
