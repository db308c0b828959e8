package org.hpo4j.benchmarks.jmh;

import java.util.Optional;
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
 * The optimizer's own cost of one {@code ask()} + {@code tell()} once it holds the history of
 * {@link #historyCost} full evaluations (default 300) of hartmann6-mf.
 *
 * <p>Each iteration builds a fresh optimizer with the next seed, feeds it evaluations (ask,
 * evaluate, tell) until the cumulative cost reaches {@code historyCost}, then measures the single
 * next ask + evaluate + tell. Replaying the history per iteration keeps the state at the stated
 * size (a long timed loop would grow it), and the seed per iteration spreads the measured call over
 * new samples, model proposals and promotions as they fall. The evaluation of hartmann6-mf inside
 * the measured call costs well under a microsecond. Run with:
 *
 * <pre>java -cp samples/benchmarks/target/hpo4j-benchmarks.jar org.openjdk.jmh.Main BohbOverheadBenchmark</pre>
 *
 * ({@code -p optimizer=hyperband} measures another registered optimizer).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, batchSize = 1)
@Measurement(iterations = 60, batchSize = 1)
@Fork(1)
public class BohbOverheadBenchmark {

    /** The optimizer, by its registered name. */
    @Param({"bohb"})
    public String optimizer;

    /** Cost of the history fed before the measured call, in full evaluations. */
    @Param({"300"})
    public double historyCost;

    private final Hartmann6Mf problem = new Hartmann6Mf();
    private long seed;
    private Optimizer state;

    /** A fresh optimizer (next seed) fed with {@code historyCost} full evaluations. */
    @Setup(Level.Iteration)
    public void feedHistory() {
        seed++;
        state = Optimizers.create(optimizer, problem.space(),
                new Fidelity(problem.minBudget(), problem.maxBudget()), seed);
        double spent = 0;
        while (spent < historyCost * problem.maxBudget()) {
            Job job = state.ask().jobToRun().orElseThrow(() -> new IllegalStateException(optimizer + " asked nothing while feeding history"));
            state.tell(job, Result.of(problem.evaluate(job.configuration(), job.budget(), EvaluationStreams.forJob(seed, job.id()))));
            spent += job.budget();
        }
    }

    /** One ask, the evaluation, one tell. */
    @Benchmark
    public Job askTell() {
        Optional<Job> asked = state.ask().jobToRun();
        Job job = asked.orElseThrow(() -> new IllegalStateException(optimizer + " asked nothing at the measured call"));
        state.tell(job, Result.of(problem.evaluate(job.configuration(), job.budget(), EvaluationStreams.forJob(seed, job.id()))));
        return job;
    }
}
