package org.hpo4j.samples.digits;

import org.hpo4j.annotations.AtMost;
import org.hpo4j.annotations.Minimize;
import org.hpo4j.annotations.Objective;
import org.hpo4j.annotations.StudyName;
import org.hpo4j.trial.TrialContext;

/**
 * The digits network tuned for two objectives: validation error against the number of weights
 * (thousands), which sets the model's size and its inference cost, with at most 10 thousand
 * weights (a hidden layer of at most 133 units). Same hyperparameters and budget as
 * {@link DigitsMlp}; {@code mvn hpo:tune -Dhpo.objective=org.hpo4j.samples.digits.DigitsMlpSize}
 * writes the front to {@code target/hpo/digits-mlp-size/pareto.csv} and the point that
 * {@code -Dhpo.select} picks (default: the smallest error) to the properties file.
 */
@StudyName("digits-mlp-size")
public class DigitsMlpSize extends DigitsMlp {

    /**
     * What one evaluation returns.
     *
     * @param validationError the error on the validation set
     * @param kiloWeights the network's weights and biases, in thousands
     */
    public record Score(@Minimize double validationError, @Minimize @AtMost(10) double kiloWeights) {
    }

    /** The network's weights and biases, in thousands, for this configuration's hidden layer. */
    public double kiloWeights() {
        return ((Digits.FEATURES + 1) * (double) hidden + (hidden + 1) * (double) Digits.CLASSES) / 1000;
    }

    /** Trains as {@link DigitsMlp} does (with checkpoints) and returns both objectives. */
    @Objective
    public Score errorAndSize(TrialContext context) {
        Digits data = Digits.load();
        double error = train(data.trainX, data.trainY, context).errorRate(data.validX, data.validY);
        return new Score(error, kiloWeights());
    }
}
