package org.hpo4j.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * The figures of one optimizer on one problem over all seeds.
 *
 * @param problem the problem's name
 * @param optimizer the optimizer's name
 * @param checkpoints the costs at which regret is reported
 * @param regret the quartiles of regret over seeds, one per checkpoint
 * @param meanOverheadMicros mean time inside {@code ask()} + {@code tell()} per evaluation, over
 *     all evaluations of all seeds
 * @param medianOverheadMicros median of the same
 * @param seeds number of seeds
 * @param meanEvaluations mean number of evaluations per seed
 * @param seedRegrets the regret of each seed (first index, seeds 0, 1, ...) at each checkpoint
 * @param testScore the quartiles of the incumbent's test score over seeds, one per checkpoint, or
 *     {@code null} for a problem without test scores
 * @param seedTestScores the test score of each seed at each checkpoint (NaN where there is none)
 */
public record CellSummary(String problem, String optimizer, double[] checkpoints, Quartiles[] regret,
                          double meanOverheadMicros, double medianOverheadMicros, int seeds,
                          double meanEvaluations, double[][] seedRegrets, Quartiles[] testScore,
                          double[][] seedTestScores) implements RatioTable.Values, BenchmarkRunner.Cell {

    /** Summarises the outcomes of every seed. */
    public static CellSummary of(String problem, String optimizer, double[] checkpoints, List<SeedOutcome> outcomes) {
        double[][] seedRegrets = outcomes.stream().map(o -> o.regrets().clone()).toArray(double[][]::new);
        double[][] seedTestScores = outcomes.stream().map(o -> o.testScores().clone()).toArray(double[][]::new);
        boolean scored = Arrays.stream(seedTestScores).flatMapToDouble(Arrays::stream).anyMatch(Double::isFinite);
        long[] all = outcomes.stream().flatMapToLong(o -> Arrays.stream(o.overheadNanos())).toArray();
        double[] micros = Arrays.stream(all).mapToDouble(n -> n / 1000.0).toArray();
        Arrays.sort(micros);
        double mean = Arrays.stream(micros).average().orElse(Double.NaN);
        double evaluations = outcomes.stream().mapToInt(SeedOutcome::evaluations).average().orElse(0);
        return new CellSummary(problem, optimizer, checkpoints.clone(), Quartiles.perCheckpoint(seedRegrets, checkpoints.length), mean,
                Quartiles.quantile(micros, 0.5), outcomes.size(), evaluations, seedRegrets,
                scored ? Quartiles.perCheckpoint(seedTestScores, checkpoints.length) : null, seedTestScores);
    }

    /** Whether the problem reports a test score for the incumbent (LCBench). */
    public boolean hasTestScore() {
        return testScore != null;
    }

    /** Every seed's regret at checkpoint {@code k}. */
    @Override
    public double[] atCheckpoint(int k) {
        double[] v = new double[seedRegrets.length];
        for (int s = 0; s < v.length; s++) {
            v[s] = seedRegrets[s][k];
        }
        return v;
    }
}
