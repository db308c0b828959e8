package org.hpo4j.benchmarks.lcbench;

import org.hpo4j.space.Configuration;

/**
 * One row of the LCBench surrogate's continuous input, in the model's own units (no log, no
 * scaling: the graph does both).
 *
 * @param epoch the epoch whose metrics are predicted, 1..52
 * @param batchSize batch size, 16..512
 * @param learningRate SGD learning rate
 * @param momentum SGD momentum
 * @param weightDecay weight decay
 * @param numLayers number of layers of the funnel-shaped MLP
 * @param maxUnits units of the widest (first) layer
 * @param maxDropout dropout of the last layer (the funnel scales it up from 0)
 */
public record SurrogateInput(int epoch, long batchSize, double learningRate, double momentum, double weightDecay,
                             long numLayers, long maxUnits, double maxDropout) {

    /** The input for {@code configuration} of {@link LcBenchProblem}'s space at {@code epoch}. */
    public static SurrogateInput of(Configuration configuration, int epoch) {
        return new SurrogateInput(epoch, configuration.getLong(LcBenchSpace.BATCH_SIZE),
                LcBenchSpace.clampLearningRate(configuration.getDouble(LcBenchSpace.LEARNING_RATE)),
                configuration.getDouble(LcBenchSpace.MOMENTUM), configuration.getDouble(LcBenchSpace.WEIGHT_DECAY),
                configuration.getLong(LcBenchSpace.NUM_LAYERS), configuration.getLong(LcBenchSpace.MAX_UNITS),
                configuration.getDouble(LcBenchSpace.MAX_DROPOUT));
    }

    /** The same configuration at another epoch. */
    public SurrogateInput atEpoch(int otherEpoch) {
        return new SurrogateInput(otherEpoch, batchSize, learningRate, momentum, weightDecay, numLayers, maxUnits,
                maxDropout);
    }

    /** The {@code x_cont} row: epoch, batch_size, learning_rate, momentum, weight_decay, num_layers, max_units, max_dropout. */
    float[] toRow() {
        return new float[] {epoch, batchSize, (float) learningRate, (float) momentum, (float) weightDecay, numLayers,
                maxUnits, (float) maxDropout};
    }
}
