package org.hpo4j.benchmarks.jmh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hpo4j.optimizer.Pareto;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Pareto#hypervolume} of {@link #points} points in {@link #objectives} objectives: every
 * point on the front (the hardest case: nothing is dominated, nothing can be dropped), on the
 * positive part of the unit sphere, reference point 1 in every objective. Run with:
 *
 * <pre>java -cp samples/benchmarks/target/hpo4j-benchmarks.jar org.openjdk.jmh.Main HypervolumeBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HypervolumeBenchmark {

    /** Objectives: 2, 3 or 4. */
    @Param({"2", "3", "4"})
    public int objectives;

    /** Points on the front. */
    @Param({"5000"})
    public int points;

    private List<double[]> front;
    private double[] reference;

    /** The front, drawn once with a fixed seed. */
    @Setup
    public void draw() {
        Random random = new Random(17);
        front = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double[] p = new double[objectives];
            double norm = 0;
            for (int k = 0; k < objectives; k++) {
                p[k] = Math.abs(random.nextGaussian());
                norm += p[k] * p[k];
            }
            for (int k = 0; k < objectives; k++) {
                p[k] /= Math.sqrt(norm);
            }
            front.add(p);
        }
        reference = new double[objectives];
        Arrays.fill(reference, 1);
    }

    /** One exact hypervolume of the whole front. */
    @Benchmark
    public double hypervolume() {
        return Pareto.hypervolume(front, reference);
    }
}
