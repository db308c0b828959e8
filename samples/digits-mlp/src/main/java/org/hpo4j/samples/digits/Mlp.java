package org.hpo4j.samples.digits;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Random;
import org.hpo4j.hypergradient.HypergradientDescent;

/**
 * A multi-layer perceptron with one hidden ReLU layer and a softmax output, trained on softmax
 * cross-entropy by mini-batch gradient descent (plain, with momentum, or Adam), with L2 weight
 * decay and inverted dropout on the hidden layer. Everything random comes from one seed, so the
 * same settings give the same network.
 *
 * <p>Serializable with its whole training state (weights, momentum and Adam moments, step count,
 * the random generator's position, epochs trained): a network saved after {@code k} epochs and
 * trained on after loading ends exactly where uninterrupted training would.
 */
public final class Mlp implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the gradient updates the weights. */
    public enum Update {
        /** {@code w -= lr * g}. */
        SGD,
        /** Heavy-ball momentum: {@code v = mu * v - lr * g; w += v}. */
        MOMENTUM,
        /** Adam (Kingma and Ba) with beta1 0.9, beta2 0.999. */
        ADAM
    }

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final int inputs;
    private final int hidden;
    private final int classes;
    private final Update update;
    private final double learningRate;
    private final double momentum;
    private final double weightDecay;
    private final double dropout;
    private final int batchSize;
    private final Random random;

    // all parameters in one array: W1 (hidden x inputs), b1, W2 (classes x hidden), b2
    private final double[] params;
    private final double[] grad;
    private final double[] velocity;
    private final double[] secondMoment;
    private final int w1;
    private final int b1;
    private final int w2;
    private final int b2;
    private int steps;
    private int epochs;
    // null unless enableHypergradient: then it owns the learning rate (and Adam's moments)
    private transient HypergradientDescent hypergradient;
    private transient double[] stepGradient;

    /**
     * A network with He-initialized weights.
     *
     * @param momentum used by {@link Update#MOMENTUM} only
     * @param dropout probability of dropping a hidden unit while training, in {@code [0, 1)}
     */
    public Mlp(int inputs, int hidden, int classes, Update update, double learningRate, double momentum,
               double weightDecay, double dropout, int batchSize, long seed) {
        if (hidden < 1 || batchSize < 1 || !(dropout >= 0 && dropout < 1) || !(learningRate > 0)) {
            throw new IllegalArgumentException("bad settings: hidden " + hidden + ", batch " + batchSize + ", dropout "
                    + dropout + ", learning rate " + learningRate);
        }
        this.inputs = inputs;
        this.hidden = hidden;
        this.classes = classes;
        this.update = update;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.dropout = dropout;
        this.batchSize = batchSize;
        this.random = new Random(seed);
        w1 = 0;
        b1 = w1 + hidden * inputs;
        w2 = b1 + hidden;
        b2 = w2 + classes * hidden;
        int size = b2 + classes;
        params = new double[size];
        grad = new double[size];
        velocity = new double[size];
        secondMoment = new double[size];
        double s1 = Math.sqrt(2.0 / inputs);
        for (int i = 0; i < hidden * inputs; i++) {
            params[w1 + i] = random.nextGaussian() * s1;
        }
        double s2 = Math.sqrt(2.0 / hidden);
        for (int i = 0; i < classes * hidden; i++) {
            params[w2 + i] = random.nextGaussian() * s2;
        }
    }

    /**
     * From now on adapts the learning rate online by hypergradient descent ({@link
     * HypergradientDescent}, multiplicative rule: {@code lr *= 1 + beta * cos(g_t, u_{t-1})} before
     * each mini-batch step, on the gradient of all parameters concatenated), starting from the
     * constructor's learning rate. SGD and Adam adapt their own rule; momentum adapts the rate from
     * successive gradients (the SGD rule) and applies it in the heavy-ball update. Training without
     * this call is unchanged. A network with hypergradient on cannot be saved as a checkpoint.
     *
     * @param beta the hypergradient rate, in {@code (0, 1)}: the largest relative change per step
     * @throws IllegalStateException if the network has already been trained
     */
    public void enableHypergradient(double beta) {
        if (steps > 0) {
            throw new IllegalStateException("enable hypergradient before training, this network has taken " + steps + " steps");
        }
        HypergradientDescent.Builder builder = update == Update.ADAM
                ? HypergradientDescent.adam(learningRate).adamMoments(BETA1, BETA2, EPSILON)
                : HypergradientDescent.sgd(learningRate);
        hypergradient = builder.multiplicative(true).hypergradientRate(beta).build();
        stepGradient = new double[params.length];
    }

    /**
     * The learning rate of the next step: the adapted one with hypergradient on, else the
     * constructor's.
     */
    public double learningRate() {
        return hypergradient == null ? learningRate : hypergradient.learningRate();
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        if (hypergradient != null) {
            throw new NotSerializableException("Mlp with hypergradient descent on (its state is not saved)");
        }
        out.defaultWriteObject();
    }

    /** How many epochs this network was trained. */
    public int epochs() {
        return epochs;
    }

    /** One pass over the training set in a fresh random order; returns the mean training loss. */
    public double trainEpoch(double[][] x, int[] y) {
        epochs++;
        int n = y.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] h = new double[hidden];
        double[] keep = new double[hidden];
        double[] p = new double[classes];
        double[] dh = new double[hidden];
        double loss = 0;
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            java.util.Arrays.fill(grad, 0);
            for (int k = start; k < end; k++) {
                double[] xi = x[order[k]];
                int yi = y[order[k]];
                // forward, with inverted dropout so that prediction needs no rescaling
                for (int j = 0; j < hidden; j++) {
                    double a = params[b1 + j];
                    int row = w1 + j * inputs;
                    for (int i = 0; i < inputs; i++) {
                        a += params[row + i] * xi[i];
                    }
                    keep[j] = dropout > 0 ? (random.nextDouble() >= dropout ? 1 / (1 - dropout) : 0) : 1;
                    h[j] = a > 0 ? a * keep[j] : 0;
                }
                loss += softmax(h, p, yi);
                // backward: dL/dz = p - onehot(y)
                p[yi] -= 1;
                java.util.Arrays.fill(dh, 0);
                for (int c = 0; c < classes; c++) {
                    double g = p[c];
                    int row = w2 + c * hidden;
                    grad[b2 + c] += g;
                    for (int j = 0; j < hidden; j++) {
                        grad[row + j] += g * h[j];
                        dh[j] += g * params[row + j];
                    }
                }
                for (int j = 0; j < hidden; j++) {
                    if (h[j] <= 0) {
                        continue;
                    }
                    double g = dh[j] * keep[j];
                    int row = w1 + j * inputs;
                    grad[b1 + j] += g;
                    for (int i = 0; i < inputs; i++) {
                        grad[row + i] += g * xi[i];
                    }
                }
            }
            step(end - start);
        }
        return loss / n;
    }

    private void step(int count) {
        if (hypergradient != null) {
            hypergradientStep(count);
            return;
        }
        steps++;
        double scale = 1.0 / count;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < params.length; i++) {
            double g = grad[i] * scale;
            // L2 decay on weights, not on biases
            if (i < b1 || (i >= w2 && i < b2)) {
                g += weightDecay * params[i];
            }
            switch (update) {
                case SGD -> params[i] -= learningRate * g;
                case MOMENTUM -> {
                    velocity[i] = momentum * velocity[i] - learningRate * g;
                    params[i] += velocity[i];
                }
                case ADAM -> {
                    velocity[i] = BETA1 * velocity[i] + (1 - BETA1) * g;
                    secondMoment[i] = BETA2 * secondMoment[i] + (1 - BETA2) * g * g;
                    params[i] -= learningRate * (velocity[i] / correction1) / (Math.sqrt(secondMoment[i] / correction2) + EPSILON);
                }
                default -> throw new AssertionError(update);
            }
        }
    }

    private void hypergradientStep(int count) {
        steps++;
        double scale = 1.0 / count;
        for (int i = 0; i < params.length; i++) {
            double g = grad[i] * scale;
            if (i < b1 || (i >= w2 && i < b2)) {
                g += weightDecay * params[i];
            }
            stepGradient[i] = g;
        }
        if (update == Update.MOMENTUM) {
            double lr = hypergradient.update(stepGradient);
            for (int i = 0; i < params.length; i++) {
                velocity[i] = momentum * velocity[i] - lr * stepGradient[i];
                params[i] += velocity[i];
            }
        } else {
            // SGD or Adam: the helper keeps the direction (and Adam's moments) and applies the step
            hypergradient.step(params, stepGradient);
        }
    }

    /** Fills {@code p} with the class probabilities of hidden activations {@code h}; returns -log p[y]. */
    private double softmax(double[] h, double[] p, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double z = params[b2 + c];
            int row = w2 + c * hidden;
            for (int j = 0; j < hidden; j++) {
                z += params[row + j] * h[j];
            }
            p[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
        return -Math.log(Math.max(p[y], 1e-300));
    }

    /** The most probable class of one image (no dropout). */
    public int predict(double[] xi) {
        double[] h = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            double a = params[b1 + j];
            int row = w1 + j * inputs;
            for (int i = 0; i < inputs; i++) {
                a += params[row + i] * xi[i];
            }
            h[j] = Math.max(0, a);
        }
        int best = 0;
        double bestZ = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double z = params[b2 + c];
            int row = w2 + c * hidden;
            for (int j = 0; j < hidden; j++) {
                z += params[row + j] * h[j];
            }
            // a diverged network (NaN weights) predicts nothing right
            if (z > bestZ) {
                bestZ = z;
                best = c;
            }
        }
        return Double.isNaN(bestZ) || bestZ == Double.NEGATIVE_INFINITY ? -1 : best;
    }

    /** The fraction of images classified wrongly. */
    public double errorRate(double[][] x, int[] y) {
        int wrong = 0;
        for (int k = 0; k < y.length; k++) {
            if (predict(x[k]) != y[k]) {
                wrong++;
            }
        }
        return (double) wrong / y.length;
    }
}
