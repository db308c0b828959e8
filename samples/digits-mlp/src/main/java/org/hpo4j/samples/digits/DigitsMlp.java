package org.hpo4j.samples.digits;

import java.util.Locale;
import org.hpo4j.annotations.Budget;
import org.hpo4j.annotations.Categorical;
import org.hpo4j.annotations.Conditional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.annotations.IntUniform;
import org.hpo4j.annotations.LogUniform;
import org.hpo4j.annotations.Objective;
import org.hpo4j.annotations.StudyName;
import org.hpo4j.annotations.Uniform;
import org.hpo4j.inject.Hpo;
import org.hpo4j.trial.TrialContext;

/**
 * Handwritten digits with a one-hidden-layer perceptron: the hyperparameters are the annotated
 * fields, the number of epochs is the budget, the validation error is the objective.
 *
 * <p>The initializers are a plausible first guess (plain SGD, a small layer, a common learning
 * rate), not a tuned choice: {@code mvn hpo:tune} finds better ones and writes them to
 * {@code src/main/resources/hpo/org.hpo4j.samples.digits.DigitsMlp.properties}, which
 * {@link #main} loads.
 */
@StudyName("digits-mlp")
public class DigitsMlp {
    @LogUniform(lo = 1e-4, hi = 1)
    double learningRate = 0.01;

    @IntUniform(lo = 16, hi = 256, log = true)
    int hidden = 32;

    @Categorical({"sgd", "momentum", "adam"})
    String optimizer = "sgd";

    @Conditional(on = "optimizer", equalTo = "momentum")
    @Uniform(lo = 0.5, hi = 0.99)
    double momentum = 0.9;

    @LogUniform(lo = 1e-6, hi = 1e-1)
    double weightDecay = 1e-4;

    @Uniform(lo = 0, hi = 0.5)
    double dropout = 0.0;

    @IntUniform(lo = 8, hi = 256, log = true)
    int batchSize = 64;

    @Budget(min = 1, max = 81)
    int epochs = 81;

    /** Fixes the initial weights and the order of the batches; not a hyperparameter. */
    long seed = 1;

    /**
     * Above 0: adapt the learning rate while training by hypergradient descent with this rate
     * ({@link Mlp#enableHypergradient}), starting from {@link #learningRate}; not a hyperparameter.
     */
    double hypergradientRate = 0;

    private Mlp trained;

    /** Trains a fresh network for {@link #epochs} epochs on the training set. */
    public Mlp train() {
        Digits data = Digits.load();
        return train(data.trainX, data.trainY, null);
    }

    /**
     * Trains a fresh network for {@link #epochs} epochs on the training and validation sets
     * together: the final fit, once the validation set has served to choose the hyperparameters.
     */
    public Mlp trainFinal() {
        Digits data = Digits.load();
        return train(data.trainAndValidX(), data.trainAndValidY(), null);
    }

    /**
     * Trains up to {@link #epochs} epochs: on from the checkpoint of a promoted configuration
     * ({@code context.loadCheckpoint}), else a fresh network from epoch 0; with a context, then
     * saves the network (weights, optimizer state, random generator, epoch count) for the next
     * promotion.
     *
     * @param context the tuner's context, {@code null} outside tuning (no checkpoints)
     */
    Mlp train(double[][] x, int[] y, TrialContext context) {
        Mlp net = context == null ? null : context.loadCheckpoint(Mlp.class).orElse(null);
        if (net == null) {
            net = new Mlp(Digits.FEATURES, hidden, Digits.CLASSES, Mlp.Update.valueOf(optimizer.toUpperCase(Locale.ROOT)),
                    learningRate, momentum, weightDecay, dropout, batchSize, seed);
            if (hypergradientRate > 0) {
                if (context != null) {
                    throw new IllegalStateException("hypergradientRate is for training outside tuning: its networks are not checkpointed");
                }
                net.enableHypergradient(hypergradientRate);
            }
        }
        while (net.epochs() < epochs) {
            net.trainEpoch(x, y);
        }
        if (context != null) {
            context.saveCheckpoint(net);
        }
        trained = net;
        return net;
    }

    /** Trains from scratch, then returns the error on the validation set. */
    public double validationError() {
        return validationError(null);
    }

    /**
     * Trains on the training set (continuing from the configuration's checkpoint when the tuner
     * promotes it), then returns the error on the validation set: what the tuner minimizes.
     */
    @Objective(direction = Direction.MINIMIZE)
    public double validationError(TrialContext context) {
        Digits data = Digits.load();
        return train(data.trainX, data.trainY, context).errorRate(data.validX, data.validY);
    }

    /** Accuracy on the held-out test set of the network trained last. */
    public double testAccuracy() {
        if (trained == null) {
            throw new IllegalStateException("train first");
        }
        Digits data = Digits.load();
        return 1 - trained.errorRate(data.testX, data.testY);
    }

    /** The hypergradient rate of {@code --hypergradient} without a value. */
    public static final double DEFAULT_HYPERGRADIENT_RATE = 0.02;

    /**
     * Trains with the tuned hyperparameters at the full budget on the training and validation sets
     * and prints the accuracy on the test set, which tuning never saw. With
     * {@code --untuned} it uses the initializers, with {@code --from <file>} the values of another
     * properties file; {@code --learning-rate <lr>} overrides the learning rate, {@code --seed <n>}
     * the initialization seed, and {@code --hypergradient [beta]} adapts the learning rate online
     * from the loaded one (hypergradient rate beta, {@value #DEFAULT_HYPERGRADIENT_RATE} by
     * default) and prints the final rate.
     */
    public static void main(String[] args) {
        boolean untuned = false;
        String from = null;
        Double rate = null;
        Long seed = null;
        double beta = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--untuned" -> untuned = true;
                case "--from" -> from = value(args, ++i, "--from");
                case "--learning-rate" -> rate = Double.parseDouble(value(args, ++i, "--learning-rate"));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--hypergradient" -> {
                    if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        beta = Double.parseDouble(args[++i]);
                        if (!(beta > 0 && beta < 1)) {
                            throw new IllegalArgumentException("--hypergradient needs a rate in (0, 1), got " + beta);
                        }
                    } else {
                        beta = DEFAULT_HYPERGRADIENT_RATE;
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (expected --untuned, --from <file>, --learning-rate <lr>, --seed <n>, --hypergradient [beta])");
            }
        }
        DigitsMlp model;
        if (untuned) {
            model = new DigitsMlp();
        } else if (from != null) {
            model = Hpo.load(new DigitsMlp(), java.nio.file.Path.of(from));
        } else {
            model = Hpo.load(new DigitsMlp());
        }
        if (rate != null) {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("--learning-rate must be positive, got " + rate);
            }
            model.learningRate = rate;
        }
        if (seed != null) {
            model.seed = seed;
        }
        model.hypergradientRate = beta;
        long t0 = System.nanoTime();
        Mlp net = model.trainFinal();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s hyperparameters: %s seed=%d%n", untuned ? "untuned" : "loaded", model.describe(), model.seed);
        if (beta > 0) {
            System.out.printf(Locale.ROOT, "hypergradient descent (beta %.3g): learning rate %.5g -> %.5g%n",
                    beta, model.learningRate, net.learningRate());
        }
        System.out.printf(Locale.ROOT, "trained %d epochs on training + validation sets in %.1f s: test accuracy %.4f%n",
                model.epochs, seconds, model.testAccuracy());
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /** The hyperparameters as text. */
    public String describe() {
        return String.format(Locale.ROOT,
                "learningRate=%.5g hidden=%d optimizer=%s%s weightDecay=%.3g dropout=%.3f batchSize=%d",
                learningRate, hidden, optimizer, optimizer.equals("momentum") ? String.format(Locale.ROOT, " momentum=%.3f", momentum) : "",
                weightDecay, dropout, batchSize);
    }
}
