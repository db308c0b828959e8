package org.hpo4j.hypergradient;

import java.util.Arrays;

/**
 * Adapts a learning rate online from the gradients of a training loop: hypergradient descent
 * (Baydin et al. 2018, "Online Learning Rate Adaptation with Hypergradient Descent").
 *
 * <p>The derivative of the loss after a step with respect to the learning rate used for it is
 * {@code -g_t . u_{t-1}}, where {@code g_t} is the new gradient and {@code u_{t-1}} the previous
 * update direction (the gradient itself for SGD, the bias-corrected {@code m / (sqrt(v) + eps)} for
 * Adam). So before each step the learning rate moves by {@code beta * g_t . u_{t-1}}: it grows
 * while successive directions agree and shrinks when they oppose each other, i.e. when steps
 * overshoot. The multiplicative variant ({@link Builder#multiplicative}) scales instead by
 * {@code 1 + beta * cos(g_t, u_{t-1})}, which is insensitive to the gradients' magnitude.
 *
 * <p>Usage in one's own loop, letting the helper apply the step:
 * <pre>{@code
 * HypergradientDescent hd = HypergradientDescent.sgd(0.001).hypergradientRate(1e-4).build();
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     double[] grad = model.gradient(weights);
 *     hd.step(weights, grad);          // weights -= lr * grad, with lr adapted first
 * }
 * System.out.println("final learning rate " + hd.learningRate());
 * }</pre>
 * or applying one's own update with the adapted rate: {@code double lr = hd.update(grad);} then
 * {@code weights[i] -= lr * hd.direction()[i]}. Not thread-safe; one instance per parameter vector.
 */
public final class HypergradientDescent {
    /** The update rule whose learning rate is adapted. */
    public enum Rule {
        /** Plain gradient descent: direction = gradient. */
        SGD,
        /** Adam: direction = bias-corrected first moment over the root of the second moment. */
        ADAM
    }

    private final Rule rule;
    private final double beta;
    private final boolean multiplicative;
    private final double minRate;
    private final double maxRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    private double rate;
    private double[] direction;
    private double[] m;
    private double[] v;
    private long steps;

    private HypergradientDescent(Builder b) {
        this.rule = b.rule;
        this.rate = b.initialRate;
        this.beta = b.hypergradientRate;
        this.multiplicative = b.multiplicative;
        this.minRate = b.minRate;
        this.maxRate = b.maxRate;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
    }

    /** A builder for hypergradient SGD starting at {@code initialRate}. */
    public static Builder sgd(double initialRate) {
        return new Builder(Rule.SGD, initialRate);
    }

    /** A builder for hypergradient Adam starting at {@code initialRate}. */
    public static Builder adam(double initialRate) {
        return new Builder(Rule.ADAM, initialRate);
    }

    /**
     * Takes the gradient at the current parameters, adapts the learning rate from it and the
     * previous direction, computes the new direction ({@link #direction()}) and returns the rate
     * to step with.
     *
     * @throws IllegalArgumentException if the gradient's length changes or it is not finite
     */
    public double update(double[] gradient) {
        if (direction != null && gradient.length != direction.length) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " entries, earlier ones had "
                    + direction.length);
        }
        double dot = 0;
        double gg = 0;
        double uu = 0;
        for (int i = 0; i < gradient.length; i++) {
            double g = gradient[i];
            if (!Double.isFinite(g)) {
                throw new IllegalArgumentException("gradient[" + i + "] is " + g);
            }
            if (direction != null) {
                dot += g * direction[i];
                uu += direction[i] * direction[i];
            }
            gg += g * g;
        }
        if (direction != null) {
            if (multiplicative) {
                double norms = Math.sqrt(gg * uu);
                if (norms > 0) {
                    rate *= 1 + beta * dot / norms;
                }
            } else {
                rate += beta * dot;
            }
            rate = Math.min(maxRate, Math.max(minRate, rate));
        }
        steps++;
        direction = rule == Rule.SGD ? gradient.clone() : adamDirection(gradient);
        return rate;
    }

    private double[] adamDirection(double[] g) {
        if (m == null) {
            m = new double[g.length];
            v = new double[g.length];
        }
        double[] u = new double[g.length];
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        for (int i = 0; i < g.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            u[i] = (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
        }
        return u;
    }

    /**
     * One step on {@code params} in place: {@link #update} with the gradient, then
     * {@code params -= rate * direction}.
     */
    public void step(double[] params, double[] gradient) {
        if (params.length != gradient.length) {
            throw new IllegalArgumentException("params has " + params.length + " entries but gradient has "
                    + gradient.length);
        }
        double lr = update(gradient);
        for (int i = 0; i < params.length; i++) {
            params[i] -= lr * direction[i];
        }
    }

    /** The current learning rate. */
    public double learningRate() {
        return rate;
    }

    /** The direction of the last update (a copy); empty before the first. */
    public double[] direction() {
        return direction == null ? new double[0] : Arrays.copyOf(direction, direction.length);
    }

    /** The number of updates so far. */
    public long steps() {
        return steps;
    }

    /** The rule being adapted. */
    public Rule rule() {
        return rule;
    }

    /** Settings of a {@link HypergradientDescent}; every setter checks its value. */
    public static final class Builder {
        private final Rule rule;
        private final double initialRate;
        private double hypergradientRate;
        private boolean multiplicative;
        private double minRate = 0;
        private double maxRate = Double.POSITIVE_INFINITY;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;

        private Builder(Rule rule, double initialRate) {
            if (!(initialRate > 0) || Double.isInfinite(initialRate)) {
                throw new IllegalArgumentException("initialRate must be positive and finite, got " + initialRate);
            }
            this.rule = rule;
            this.initialRate = initialRate;
            // the paper's defaults: 1e-3 for SGD, 1e-7 for Adam (whose directions are about unit size)
            this.hypergradientRate = rule == Rule.SGD ? 1e-3 : 1e-7;
        }

        /**
         * The hypergradient learning rate beta (the paper uses 1e-3 for SGD, 1e-7 for Adam). The
         * additive change {@code beta * g_t . u_{t-1}} grows with the squared gradient norm: choose
         * beta so that it is a small fraction of the rate for the gradients at hand, or use the
         * {@link #multiplicative} rule.
         */
        public Builder hypergradientRate(double beta) {
            if (!(beta >= 0) || Double.isInfinite(beta)) {
                throw new IllegalArgumentException("hypergradientRate must be >= 0 and finite, got " + beta);
            }
            this.hypergradientRate = beta;
            return this;
        }

        /** Use the multiplicative rule {@code lr *= 1 + beta * cos(g_t, u_{t-1})}; beta then below 1. */
        public Builder multiplicative(boolean on) {
            this.multiplicative = on;
            return this;
        }

        /** Keeps the learning rate within {@code [min, max]}. */
        public Builder bounds(double min, double max) {
            if (!(min >= 0 && min <= max)) {
                throw new IllegalArgumentException("bounds need 0 <= min <= max, got [" + min + ", " + max + "]");
            }
            if (initialRate < min || initialRate > max) {
                throw new IllegalArgumentException("initialRate " + initialRate + " is outside the bounds [" + min + ", " + max + "]");
            }
            this.minRate = min;
            this.maxRate = max;
            return this;
        }

        /** Adam's moment decay rates and epsilon. */
        public Builder adamMoments(double b1, double b2, double eps) {
            if (!(b1 >= 0 && b1 < 1) || !(b2 >= 0 && b2 < 1) || !(eps > 0)) {
                throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1 and epsilon > 0, got "
                        + b1 + ", " + b2 + ", " + eps);
            }
            this.beta1 = b1;
            this.beta2 = b2;
            this.epsilon = eps;
            return this;
        }

        /** The configured helper. */
        public HypergradientDescent build() {
            if (multiplicative && hypergradientRate >= 1) {
                throw new IllegalArgumentException("the multiplicative rule needs hypergradientRate < 1, got "
                        + hypergradientRate);
            }
            return new HypergradientDescent(this);
        }
    }
}
