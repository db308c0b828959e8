package org.hpo4j.benchmarks.jmh;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hpo4j.benchmarks.EvaluationStreams;
import org.hpo4j.benchmarks.multiobjective.ZdtMf;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.registry.Optimizers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The multi-objective default's own cost of one {@code ask()} + {@code tell()} once it holds
 * {@link #history} evaluations (default 1,000) of zdt1-mf, as {@link BohbOverheadBenchmark} measures
 * BOHB: each iteration builds a fresh optimizer with the next seed, feeds it {@code history}
 * evaluations (ask, evaluate, tell the two objectives), then times the single next ask + evaluate +
 * tell. The measured call is a promotion or a new configuration as the schedule falls, so the
 * median over iterations is the typical call and the upper percentiles are the model fits. The
 * evaluation of zdt1-mf costs well under a microsecond. Run with:
 *
 * <pre>java -cp samples/benchmarks/target/hpo4j-benchmarks.jar org.openjdk.jmh.Main MultiObjectiveOverheadBenchmark</pre>
 *
 * ({@code -p optimizer=mo-asha} measures another registered optimizer of several objectives).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, batchSize = 1)
@Measurement(iterations = 15, batchSize = 1)
@Fork(1)
public class MultiObjectiveOverheadBenchmark {

    /** The optimizer, by its registered name (default: the default for several objectives). */
    @Param({Optimizers.MULTI_OBJECTIVE_DEFAULT})
    public String optimizer;

    /** Evaluations fed before the measured call. */
    @Param({"1000"})
    public int history;

    private final ZdtMf problem = new ZdtMf();
    private long seed;
    private Optimizer state;

    /** A fresh optimizer (next seed) fed with {@code history} evaluations. */
    @Setup(Level.Iteration)
    public void feedHistory() {
        seed++;
        state = Optimizers.create(optimizer, problem.space(),
                new Fidelity(problem.minBudget(), problem.maxBudget()), seed);
        for (int i = 0; i < history; i++) {
            askEvaluateTell();
        }
    }

    /** One ask, the evaluation, one tell. */
    @Benchmark
    public Job askTell() {
        return askEvaluateTell();
    }

    private Job askEvaluateTell() {
        Job job = state.ask().jobToRun().orElseThrow(() -> new IllegalStateException(optimizer + " asked nothing"));
        double[] f = problem.evaluate(job.configuration(), job.budget(), EvaluationStreams.forJob(seed, job.id()));
        state.tell(job, Result.of(Arrays.stream(f).boxed().toList(), List.of()));
        return job;
    }
}
