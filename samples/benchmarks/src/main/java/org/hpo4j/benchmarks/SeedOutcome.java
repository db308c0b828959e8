package org.hpo4j.benchmarks;

/**
 * What one seed of one optimizer on one problem produced.
 *
 * @param regrets the incumbent's regret at each checkpoint cost, in the order of the checkpoints
 * @param overheadNanos the time spent inside {@code ask()} plus {@code tell()}, per evaluation
 * @param evaluations number of evaluations run
 * @param cost the cumulative cost at the end, in full evaluations
 * @param testScores the incumbent's {@link BenchmarkProblem#testScore} at each checkpoint, NaN where
 *     the problem has none or there was no incumbent yet
 */
public record SeedOutcome(double[] regrets, long[] overheadNanos, int evaluations, double cost, double[] testScores) {
}
