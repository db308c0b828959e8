package org.hpo4j.benchmarks.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.hpo4j.benchmarks.BenchmarkProblem;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;

/**
 * A discrete-event simulation of a study on many workers, on a virtual clock (nothing sleeps).
 *
 * <p>A job takes {@code effectiveBudget / maxBudget x speed factor} units of time (see
 * {@link SpeedFactors}); a unit is one full evaluation of the fastest configurations. Every
 * evaluation starts from scratch: a promotion from budget {@code b1} to {@code b2} takes and costs
 * {@code b2}, the same for synchronous and asynchronous optimizers (none of the problems
 * checkpoints). Whenever a worker is free it asks the optimizer for a job; if the optimizer has none
 * (a synchronous rung barrier) the worker stays idle until the next completion, when every idle
 * worker asks again. Completions are told to the optimizer in the order of their end times (ties:
 * the job started first).
 *
 * <p>The study stops as soon as the cost of finished evaluations (or the compute consumed, see
 * below) would exceed the largest cost of interest; regret at a cost {@code c} is that of the
 * incumbent (HpBandSter's rule: best observed value at the highest budget reached) over the
 * evaluations finished within cost {@code c}.
 *
 * <p>That charges finished evaluations only: the jobs running when the finished cost reaches
 * {@code c} have consumed compute that is not counted (with 32 workers on branin-mf, 4-14 full
 * evaluations at costs 10 to 100; BENCHMARKS.md), so many workers are compared with one worker
 * at more compute than one worker had. {@link #chargingRunning()} charges what the running jobs
 * have consumed as well (a job's cost accrues evenly over its run time): regret at {@code c} is
 * then the incumbent's among the results back when the compute consumed reaches {@code c}, which
 * is what one worker, whose job runs alone, is measured at. With one worker the two agree.
 */
public final class VirtualCluster {
    /** Tolerance on cost sums, which are sums of ratios like 1/81. */
    private static final double COST_SLACK = 1e-9;

    private final BenchmarkProblem problem;
    private final int workers;
    private final double[] costs;
    private final boolean chargeRunning;

    /**
     * @param problem what every job evaluates
     * @param workers the number of simulated workers, at least 1
     * @param costs the costs (full evaluations) at which to take the regret; the largest ends the study
     */
    public VirtualCluster(BenchmarkProblem problem, int workers, double... costs) {
        this(problem, workers, false, costs);
    }

    private VirtualCluster(BenchmarkProblem problem, int workers, boolean chargeRunning, double... costs) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (costs.length == 0) {
            throw new IllegalArgumentException("costs: give at least one cost at which to measure regret");
        }
        this.costs = costs.clone();
        Arrays.sort(this.costs);
        if (!(this.costs[0] > 0)) {
            throw new IllegalArgumentException("costs must be positive, got " + this.costs[0]);
        }
        this.problem = problem;
        this.workers = workers;
        this.chargeRunning = chargeRunning;
    }

    /**
     * This cluster, with regret taken when the compute consumed (finished evaluations and the part
     * of every running job done so far) reaches each cost, rather than the finished evaluations'
     * cost; see the class comment.
     */
    public VirtualCluster chargingRunning() {
        return new VirtualCluster(problem, workers, true, costs);
    }

    /**
     * Runs one study of {@code optimizer} to the largest cost.
     *
     * @param optimizerName the name to record
     * @param seed the seed of the evaluations' noise (the optimizer was built with its own)
     * @throws IllegalStateException when the optimizer waits while no job is running, or finishes
     *     before the cost is spent
     */
    public SimulationRun run(String optimizerName, Optimizer optimizer, long seed) {
        PriorityQueue<Running> running = new PriorityQueue<>();
        Incumbent incumbent = new Incumbent();
        double[] regrets = new double[costs.length];
        Arrays.fill(regrets, Double.NaN);
        int nextCost = 0;
        double now = 0;
        double cost = 0;
        double busy = 0;
        int idle = workers;
        long started = 0;
        int finished = 0;
        while (true) {
            while (idle > 0) {
                if (!(optimizer.ask() instanceof Ask.Run next)) {
                    break;
                }
                Job job = next.job();
                double duration = problem.effectiveBudget(job.budget()) / problem.maxBudget()
                        * SpeedFactors.of(problem.space(), job.configuration());
                running.add(new Running(job, now, now + duration, started++));
                idle--;
            }
            Running done = running.poll();
            if (done == null) {
                throw new IllegalStateException(optimizerName + " on " + problem.name() + " has no job for "
                        + workers + " idle workers and none running (finished: " + optimizer.isFinished()
                        + ") at cost " + cost);
            }
            now = done.end;
            idle++;
            busy += done.end - done.start;
            double after = cost + problem.effectiveBudget(done.job.budget()) / problem.maxBudget();
            double reached = chargeRunning ? after + consumedByRunning(running, now) : after;
            // costs this evaluation would overshoot were reached without it
            while (nextCost < costs.length && reached > costs[nextCost] + COST_SLACK) {
                regrets[nextCost++] = incumbent.regret();
            }
            if (nextCost == costs.length) {
                break;
            }
            cost = after;
            finished++;
            Configuration c = done.job.configuration();
            double value = problem.evaluate(c, done.job.budget(), evaluationStream(seed, done.job.id()));
            incumbent.offer(c, problem.effectiveBudget(done.job.budget()), value);
            optimizer.tell(done.job, Result.of(value));
            // a cost met exactly includes this evaluation
            while (nextCost < costs.length && reached >= costs[nextCost] - COST_SLACK) {
                regrets[nextCost++] = incumbent.regret();
            }
            if (nextCost == costs.length) {
                break;
            }
        }
        double end = now;
        double busyToEnd = busy;
        double busyDrained = busy;
        double drainedEnd = end;
        for (Running r : running) {
            busyToEnd += end - r.start;
            busyDrained += r.end - r.start;
            drainedEnd = Math.max(drainedEnd, r.end);
        }
        List<Double> costList = new ArrayList<>();
        List<Double> regretList = new ArrayList<>();
        for (int i = 0; i < costs.length; i++) {
            costList.add(costs[i]);
            regretList.add(regrets[i]);
        }
        return new SimulationRun(problem.name(), optimizerName, seed, workers, busyToEnd / (workers * end),
                busyDrained / (workers * drainedEnd), end, finished, costList, regretList);
    }

    /** The cost the running jobs have consumed at {@code now}, each accruing evenly over its run. */
    private double consumedByRunning(PriorityQueue<Running> running, double now) {
        double consumed = 0;
        for (Running r : running) {
            double full = problem.effectiveBudget(r.job.budget()) / problem.maxBudget();
            consumed += r.end > r.start ? full * (now - r.start) / (r.end - r.start) : full;
        }
        return consumed;
    }

    /** The evaluation's own random stream, from the run's seed and the job's id only. */
    static SplittableRandom evaluationStream(long seed, int jobId) {
        return new SplittableRandom(mix(mix(seed) + jobId));
    }

    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A job on a worker; ordered by end time, then start order. */
    private record Running(Job job, double start, double end, long order) implements Comparable<Running> {
        @Override
        public int compareTo(Running o) {
            int byEnd = Double.compare(end, o.end);
            return byEnd != 0 ? byEnd : Long.compare(order, o.order);
        }
    }

    /** HpBandSter's incumbent: best observed value among evaluations at the highest budget so far. */
    private final class Incumbent {
        private double budget;
        private double value = Double.POSITIVE_INFINITY;
        private Configuration configuration;

        void offer(Configuration evaluated, double evaluatedBudget, double observed) {
            if (Double.isNaN(observed) || Double.isInfinite(observed)) {
                return;
            }
            if (configuration == null || evaluatedBudget > budget * (1 + COST_SLACK)) {
                budget = evaluatedBudget;
                value = observed;
                configuration = evaluated;
            } else if (evaluatedBudget >= budget * (1 - COST_SLACK) && observed < value) {
                value = observed;
                configuration = evaluated;
            }
        }

        double regret() {
            return configuration == null ? Double.NaN : problem.regret(configuration);
        }
    }
}
