package org.hpo4j.benchmarks.multiobjective;

import java.util.Arrays;
import java.util.List;
import org.hpo4j.benchmarks.BenchmarkRunner;
import org.hpo4j.benchmarks.Quartiles;
import org.hpo4j.benchmarks.RatioTable;

/**
 * The figures of one optimizer on one problem of several objectives over all seeds.
 *
 * @param problem the problem's name
 * @param optimizer the optimizer's name
 * @param checkpoints the costs at which the hypervolume is reported
 * @param hypervolume the quartiles over seeds of the incumbent front's normalised hypervolume, one
 *     per checkpoint
 * @param frontSize the quartiles over seeds of the number of configurations on that front
 * @param meanOverheadMicros mean time inside {@code ask()} + {@code tell()} per evaluation
 * @param medianOverheadMicros median of the same
 * @param meanEvaluations mean number of evaluations per seed
 * @param seedHypervolumes the hypervolume of each seed (first index) at each checkpoint
 */
public record FrontSummary(String problem, String optimizer, double[] checkpoints, Quartiles[] hypervolume,
                           Quartiles[] frontSize, double meanOverheadMicros, double medianOverheadMicros,
                           double meanEvaluations, double[][] seedHypervolumes) implements RatioTable.Values, BenchmarkRunner.Cell {

    /** Summarises the outcomes of every seed. */
    public static FrontSummary of(String problem, String optimizer, double[] checkpoints, List<FrontRun.Outcome> outcomes) {
        double[][] perSeed = outcomes.stream().map(o -> o.hypervolumes().clone()).toArray(double[][]::new);
        double[][] sizes = outcomes.stream().map(o -> Arrays.stream(o.frontSizes()).asDoubleStream().toArray())
                .toArray(double[][]::new);
        double[] micros = outcomes.stream().flatMapToLong(o -> Arrays.stream(o.overheadNanos()))
                .mapToDouble(n -> n / 1000.0).sorted().toArray();
        return new FrontSummary(problem, optimizer, checkpoints.clone(), Quartiles.perCheckpoint(perSeed, checkpoints.length),
                Quartiles.perCheckpoint(sizes, checkpoints.length), Arrays.stream(micros).average().orElse(Double.NaN),
                Quartiles.quantile(micros, 0.5),
                outcomes.stream().mapToInt(FrontRun.Outcome::evaluations).average().orElse(0), perSeed);
    }

    /** Number of seeds. */
    @Override
    public int seeds() {
        return seedHypervolumes.length;
    }

    /** Every seed's hypervolume at checkpoint {@code k}. */
    @Override
    public double[] atCheckpoint(int k) {
        double[] v = new double[seedHypervolumes.length];
        for (int s = 0; s < v.length; s++) {
            v[s] = seedHypervolumes[s][k];
        }
        return v;
    }
}
