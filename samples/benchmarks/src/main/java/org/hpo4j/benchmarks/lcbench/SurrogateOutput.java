package org.hpo4j.benchmarks.lcbench;

/**
 * The six metrics the LCBench surrogate predicts for one configuration at one epoch, on their
 * original scales, exactly as the model computes them in single precision.
 *
 * @param time training time in seconds up to that epoch
 * @param valAccuracy validation accuracy, 0..100
 * @param valCrossEntropy validation cross-entropy
 * @param valBalancedAccuracy validation balanced accuracy, 0..1
 * @param testCrossEntropy test cross-entropy
 * @param testBalancedAccuracy test balanced accuracy, 0..1
 */
public record SurrogateOutput(float time, float valAccuracy, float valCrossEntropy, float valBalancedAccuracy,
                              float testCrossEntropy, float testBalancedAccuracy) {

    /** The model's output row, in the graph's order. */
    static SurrogateOutput of(float[] row) {
        if (row.length != 6) {
            throw new IllegalStateException("LCBench surrogate: expected 6 outputs, got " + row.length);
        }
        return new SurrogateOutput(row[0], row[1], row[2], row[3], row[4], row[5]);
    }
}
