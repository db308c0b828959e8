package org.hpo4j.benchmarks.misleading;

import java.util.List;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/**
 * late-parameter: regularisation matters only once the network starts to overfit. Weight decay
 * and label smoothing enter the error through a term that grows as {@code z^4}
 * ({@code z = epochs / 81}): at 27 epochs it is 1/81 of its full size, below the noise, and at
 * small budgets a strong weight decay even looks slightly worse (it slows early progress). The
 * best weight decay grows with width and depth. Formulas in the module README.
 */
public final class LateParameter extends SyntheticTrainingRun {
    /**
     * The smallest true value: adam at lr 1e-3, 3 layers, width 128, its best weight decay and
     * label smoothing 0.1 ({@code MisleadingProblemsTest} recomputes it by enumeration).
     */
    public static final double OPTIMUM = 0.0600123639322476;

    /** The problem with its space and known optimum. */
    public LateParameter() {
        super("late-parameter", SearchSpace.builder()
                .add(CategoricalParameter.of("optimizer", List.of("sgd", "adam", "rmsprop")))
                .add(FloatParameter.logUniform("lr", 1e-5, 1))
                .add(IntParameter.uniform("layers", 1, 6))
                .add(IntParameter.logUniform("width", 16, 1024))
                .add(FloatParameter.logUniform("weight_decay", 1e-6, 1e-1))
                .add(FloatParameter.uniform("label_smoothing", 0, 0.3)), OPTIMUM);
    }

    @Override
    protected double value(Configuration c, double epochs) {
        return value(c.getString("optimizer"), c.getDouble("lr"), c.getLong("layers"), c.getLong("width"),
                c.getDouble("weight_decay"), c.getDouble("label_smoothing"), epochs);
    }

    /** The noise-free error after {@code epochs} epochs. */
    static double value(String optimizer, double lr, long layers, long width, double weightDecay, double labelSmoothing,
                        double epochs) {
        double floor;
        double bestLr;
        double speed;
        switch (optimizer) {
            case "sgd" -> {
                floor = 0.07;
                bestLr = 1e-1;
                speed = 1.0;
            }
            case "adam" -> {
                floor = 0.06;
                bestLr = 1e-3;
                speed = 0.7;
            }
            case "rmsprop" -> {
                floor = 0.075;
                bestLr = 3e-4;
                speed = 0.8;
            }
            default -> throw new IllegalArgumentException("late-parameter: unknown optimizer '" + optimizer + "'");
        }
        double z = epochs / TrainingCurve.MAX_EPOCHS;
        double lrGap = Math.log10(lr) - Math.log10(bestLr);
        double widthGap = Math.log(width / 128.0) / Math.log(2);
        double asymptote = floor + 0.05 * lrGap * lrGap + 0.015 * (layers - 3) * (layers - 3) + 0.005 * widthGap * widthGap;
        double tau = 8 * speed * (1 + 0.15 * (layers - 1));
        double decayGap = Math.log10(weightDecay) - Math.log10(bestWeightDecay(layers, width));
        double overfitting = 0.06 * decayGap * decayGap + 0.05 * (labelSmoothing - 0.1) * (labelSmoothing - 0.1);
        // strong weight decay slows the first epochs a little; the effect is gone at the full budget
        double earlyDrag = 0.02 * (Math.log10(weightDecay) + 6) / 5 * (1 - z);
        return TrainingCurve.error(asymptote, tau, epochs) + overfitting * z * z * z * z + earlyDrag;
    }

    /** The weight decay without overfitting penalty: larger for wider and deeper networks. */
    static double bestWeightDecay(long layers, long width) {
        return 1e-4 * Math.sqrt(width / 64.0) * (1 + 0.3 * (layers - 3));
    }
}
