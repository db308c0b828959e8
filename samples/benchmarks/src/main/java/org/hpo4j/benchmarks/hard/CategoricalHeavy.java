package org.hpo4j.benchmarks.hard;

import java.util.List;
import org.hpo4j.benchmarks.misleading.SyntheticTrainingRun;
import org.hpo4j.benchmarks.misleading.TrainingCurve;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/**
 * categorical-heavy: a training run chosen mostly by categorical switches (optimizer,
 * normalization, activation, schedule, augmentation), each of which turns its own sub-parameters on
 * (momentum and Nesterov for SGD, beta1 and AMSGrad for Adam, rho for RMSprop, the step decay or the
 * warm-up of a schedule, the strength of an augmentation). The choices interact: the best optimizer
 * depends on the normalization and the best activation on both, so the best value of each switch
 * averaged over the others (what a model of one switch at a time learns) is not the best one.
 * Adam converges fastest, so small budgets favour it too. Deterministic; formulas in the module README.
 */
public final class CategoricalHeavy extends SyntheticTrainingRun {
    /** The optimizer choices, in the order of {@link #FLOORS}' rows. */
    static final List<String> OPTIMIZERS = List.of("sgd", "adam", "rmsprop", "adagrad");
    /** The normalization choices, in the order of the tables' columns. */
    static final List<String> NORMALIZATIONS = List.of("none", "batch", "layer");
    /** The activation choices, in the order of {@link #ACTIVATION_COSTS}' rows. */
    static final List<String> ACTIVATIONS = List.of("relu", "gelu", "tanh", "selu");
    /** Error floor of each optimizer (rows) under each normalization (columns). */
    private static final double[][] FLOORS = {
            {0.090, 0.060, 0.080}, {0.070, 0.072, 0.068}, {0.080, 0.078, 0.076}, {0.100, 0.090, 0.095}};
    /** What each activation (rows) adds under each normalization (columns). */
    private static final double[][] ACTIVATION_COSTS = {
            {0.010, 0.000, 0.005}, {0.008, 0.002, 0.000}, {0.015, 0.010, 0.012}, {0.000, 0.012, 0.010}};
    /** The best learning rate of each optimizer without batch normalization (which triples it). */
    private static final double[] BEST_LR = {0.1, 1e-3, 3e-4, 1e-2};
    /** Time constant in epochs of each optimizer (batch normalization x 0.7, cosine schedule x 1.2). */
    private static final double[] TAU = {8, 4, 5, 6};
    /**
     * The smallest true value: sgd with Nesterov momentum 0.9, batch normalization, relu, cosine
     * schedule with 5 % warm-up, cutout 8, its best learning rate and 3 layers
     * ({@code HardProblemsTest} recomputes it by enumeration).
     */
    public static final double OPTIMUM = 0.05600491521917165;

    /** The problem with its space and known optimum. */
    public CategoricalHeavy() {
        super("categorical-heavy", SearchSpace.builder()
                .add(CategoricalParameter.of("optimizer", OPTIMIZERS))
                .add(FloatParameter.uniform("momentum", 0, 0.99).when(Condition.equalTo("optimizer", "sgd")))
                .add(CategoricalParameter.ofBoolean("nesterov").when(Condition.equalTo("optimizer", "sgd")))
                .add(FloatParameter.uniform("beta1", 0.5, 0.99).when(Condition.equalTo("optimizer", "adam")))
                .add(CategoricalParameter.ofBoolean("amsgrad").when(Condition.equalTo("optimizer", "adam")))
                .add(FloatParameter.uniform("rho", 0.5, 0.99).when(Condition.equalTo("optimizer", "rmsprop")))
                .add(FloatParameter.logUniform("lr", 1e-5, 1))
                .add(CategoricalParameter.of("normalization", NORMALIZATIONS))
                .add(CategoricalParameter.of("activation", ACTIVATIONS))
                .add(IntParameter.uniform("layers", 1, 6))
                .add(CategoricalParameter.of("schedule", List.of("constant", "step", "cosine")))
                .add(FloatParameter.uniform("step_gamma", 0.05, 0.9).when(Condition.equalTo("schedule", "step")))
                .add(FloatParameter.uniform("warmup_fraction", 0, 0.3).when(Condition.equalTo("schedule", "cosine")))
                .add(CategoricalParameter.of("augmentation", List.of("none", "mixup", "cutout")))
                .add(FloatParameter.logUniform("mixup_alpha", 0.05, 2).when(Condition.equalTo("augmentation", "mixup")))
                .add(IntParameter.uniform("cutout_size", 2, 16).when(Condition.equalTo("augmentation", "cutout"))),
                OPTIMUM, 0);
    }

    @Override
    protected double value(Configuration c, double epochs) {
        int optimizer = OPTIMIZERS.indexOf(c.getString("optimizer"));
        int normalization = NORMALIZATIONS.indexOf(c.getString("normalization"));
        int activation = ACTIVATIONS.indexOf(c.getString("activation"));
        double bestLr = BEST_LR[optimizer] * (normalization == 1 ? 3 : 1);
        double lrGap = Math.log10(c.getDouble("lr") / bestLr);
        if (lrGap > Math.log10(30)) {
            return TrainingCurve.START; // diverges
        }
        long layers = c.getLong("layers");
        double asymptote = FLOORS[optimizer][normalization] + ACTIVATION_COSTS[activation][normalization]
                + optimizerCost(c, optimizer) + 0.04 * lrGap * lrGap + 0.01 * (layers - 3) * (layers - 3)
                + scheduleCost(c) + augmentationCost(c);
        double tau = TAU[optimizer] * (normalization == 1 ? 0.7 : 1) * (c.getString("schedule").equals("cosine") ? 1.2 : 1);
        return TrainingCurve.error(asymptote, tau, epochs);
    }

    /** What the optimizer's own sub-parameters add (sgd: momentum and Nesterov; adam: beta1 and AMSGrad; rmsprop: rho). */
    private static double optimizerCost(Configuration c, int optimizer) {
        return switch (optimizer) {
            case 0 -> square(c.getDouble("momentum") - 0.9) * 0.05 + (c.getBoolean("nesterov") ? -0.004 : 0);
            case 1 -> square(c.getDouble("beta1") - 0.9) * 0.05 + (c.getBoolean("amsgrad") ? 0.002 : 0);
            case 2 -> square(c.getDouble("rho") - 0.9) * 0.05;
            default -> 0;
        };
    }

    /** constant 0.010; step 0.004 plus its decay's distance from 0.3; cosine its warm-up's distance from 5 %. */
    private static double scheduleCost(Configuration c) {
        return switch (c.getString("schedule")) {
            case "constant" -> 0.010;
            case "step" -> 0.004 + 0.04 * square(c.getDouble("step_gamma") - 0.3);
            case "cosine" -> 0.1 * square(c.getDouble("warmup_fraction") - 0.05);
            default -> throw new IllegalArgumentException("categorical-heavy: unknown schedule " + c.getString("schedule"));
        };
    }

    /** none 0.006; mixup 0.002 plus its strength's distance from 0.2 (log10); cutout its size's distance from 8. */
    private static double augmentationCost(Configuration c) {
        return switch (c.getString("augmentation")) {
            case "none" -> 0.006;
            case "mixup" -> 0.002 + 0.01 * square(Math.log10(c.getDouble("mixup_alpha") / 0.2));
            case "cutout" -> 0.0004 * square(c.getLong("cutout_size") - 8);
            default -> throw new IllegalArgumentException("categorical-heavy: unknown augmentation " + c.getString("augmentation"));
        };
    }

    private static double square(double x) {
        return x * x;
    }
}
