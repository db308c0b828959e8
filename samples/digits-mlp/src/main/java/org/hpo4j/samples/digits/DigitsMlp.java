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

    private Mlp trained;

    /** Trains a fresh network for {@link #epochs} epochs on the training set. */
    public Mlp train() {
        Digits data = Digits.load();
        return train(data.trainX, data.trainY);
    }

    /**
     * Trains a fresh network for {@link #epochs} epochs on the training and validation sets
     * together: the final fit, once the validation set has served to choose the hyperparameters.
     */
    public Mlp trainFinal() {
        Digits data = Digits.load();
        return train(data.trainAndValidX(), data.trainAndValidY());
    }

    private Mlp train(double[][] x, int[] y) {
        Mlp net = new Mlp(Digits.FEATURES, hidden, Digits.CLASSES, Mlp.Update.valueOf(optimizer.toUpperCase(Locale.ROOT)),
                learningRate, momentum, weightDecay, dropout, batchSize, seed);
        for (int e = 0; e < epochs; e++) {
            net.trainEpoch(x, y);
        }
        trained = net;
        return net;
    }

    /** Trains, then returns the error on the validation set: what the tuner minimizes. */
    @Objective(direction = Direction.MINIMIZE)
    public double validationError() {
        Digits data = Digits.load();
        return train().errorRate(data.validX, data.validY);
    }

    /** Accuracy on the held-out test set of the network trained last. */
    public double testAccuracy() {
        if (trained == null) {
            throw new IllegalStateException("train first");
        }
        Digits data = Digits.load();
        return 1 - trained.errorRate(data.testX, data.testY);
    }

    /**
     * Trains with the tuned hyperparameters at the full budget on the training and validation sets
     * and prints the accuracy on the test set, which tuning never saw. With
     * {@code --untuned} it uses the initializers, with {@code --from <file>} the values of another
     * properties file.
     */
    public static void main(String[] args) {
        boolean untuned = args.length > 0 && args[0].equals("--untuned");
        DigitsMlp model;
        if (untuned) {
            model = new DigitsMlp();
        } else if (args.length > 1 && args[0].equals("--from")) {
            model = Hpo.load(new DigitsMlp(), java.nio.file.Path.of(args[1]));
        } else {
            model = Hpo.load(new DigitsMlp());
        }
        long t0 = System.nanoTime();
        model.trainFinal();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s hyperparameters: %s%n", untuned ? "untuned" : "loaded", model.describe());
        System.out.printf(Locale.ROOT, "trained %d epochs on training + validation sets in %.1f s: test accuracy %.4f%n",
                model.epochs, seconds, model.testAccuracy());
    }

    /** The hyperparameters as text. */
    public String describe() {
        return String.format(Locale.ROOT,
                "learningRate=%.5g hidden=%d optimizer=%s%s weightDecay=%.3g dropout=%.3f batchSize=%d",
                learningRate, hidden, optimizer, optimizer.equals("momentum") ? String.format(Locale.ROOT, " momentum=%.3f", momentum) : "",
                weightDecay, dropout, batchSize);
    }
}
