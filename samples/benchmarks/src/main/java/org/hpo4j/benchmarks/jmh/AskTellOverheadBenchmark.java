package org.hpo4j.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.hpo4j.benchmarks.EvaluationStreams;
import org.hpo4j.benchmarks.Hartmann6Mf;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.optimizer.Result;
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
 * The optimizer's own cost of one {@code ask()} + {@code tell()} after {@link #evaluations}
 * evaluations of hartmann6-mf (one worker, seed 1).
 *
 * <p>The history is fed once per fork (feeding 10,000 evaluations takes tens of seconds for a
 * model-based optimizer, too long to repeat per iteration); each measured iteration is then the
 * next single ask + evaluate + tell, so the measured calls are calls {@code evaluations + 1} to
 * {@code evaluations + warm-up + measurement iterations}: new configurations, model proposals and
 * promotions as they fall. Run with:
 *
 * <pre>java -cp samples/benchmarks/target/hpo4j-benchmarks.jar org.openjdk.jmh.Main AskTellOverheadBenchmark</pre>
 *
 * ({@code -p optimizer=bohb} measures another registered optimizer, {@code -p evaluations=1000}
 * one history size).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 20, batchSize = 1)
@Measurement(iterations = 200, batchSize = 1)
@Fork(1)
public class AskTellOverheadBenchmark {

    /** The optimizer, by its registered name. */
    @Param({"hyper-gp"})
    public String optimizer;

    /** Evaluations fed before the measured calls. */
    @Param({"1000", "10000"})
    public int evaluations;

    private final Hartmann6Mf problem = new Hartmann6Mf();
    private static final long SEED = 1;
    private Optimizer state;

    /** A fresh optimizer fed with {@code evaluations} evaluations. */
    @Setup(Level.Trial)
    public void feedHistory() {
        state = Optimizers.create(optimizer, problem.space(),
                new Fidelity(problem.minBudget(), problem.maxBudget()), SEED);
        for (int i = 0; i < evaluations; i++) {
            askTell();
        }
    }

    /** One ask, the evaluation, one tell. */
    @Benchmark
    public Job askTell() {
        Job job = state.ask().jobToRun().orElseThrow(() -> new IllegalStateException(optimizer + " asked nothing"));
        state.tell(job, Result.of(problem.evaluate(job.configuration(), job.budget(), EvaluationStreams.forJob(SEED, job.id()))));
        return job;
    }
}
