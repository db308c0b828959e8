package org.hpo4j.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.gp.HyperGp;
import org.hpo4j.optimizer.registry.Optimizers;

/**
 * A diagnostic of the default optimizer: for each seed, at each reporting cost, where hyper-gp
 * spent the budget (evaluations and cost per budget, new configurations per bracket), its measured
 * rung reliabilities and bracket shares, and the incumbent's regret beside the best true regret
 * among its full-budget evaluations (which separates poor proposals from a poor choice of incumbent
 * under noise). The same loop, streams and incumbent rule as the runner, so the regrets are the
 * runner's.
 *
 * <pre>java -cp samples/benchmarks/target/hpo4j-benchmarks.jar org.hpo4j.benchmarks.HyperGpTrace \
 *     problem [seeds=0,1] [costs=10,30,100] [full]</pre>
 *
 * <p>With {@code full}, every full-budget evaluation is printed as well (started there or promoted,
 * its configuration, observed value and regret).
 */
public final class HyperGpTrace {
    private HyperGpTrace() {
    }

    /** Arguments: the problem, then optionally the seeds and the costs, each comma-separated. */
    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: HyperGpTrace problem [seeds=0,1] [costs=10,30,100] [full]");
        }
        BenchmarkProblem problem = Problems.byName(args[0]);
        long[] seeds = Arrays.stream((args.length > 1 ? args[1] : "0,1").split(",")).mapToLong(Long::parseLong).toArray();
        double[] costs = Arrays.stream((args.length > 2 ? args[2] : "10,30,100").split(",")).mapToDouble(Double::parseDouble).toArray();
        boolean full = args.length > 3 && args[3].equals("full");
        for (long seed : seeds) {
            trace(problem, seed, costs, full);
        }
    }

    private static void trace(BenchmarkProblem problem, long seed, double[] costs, boolean printFull) {
        Fidelity fidelity = new Fidelity(problem.minBudget(), problem.maxBudget());
        HyperGp optimizer = (HyperGp) Optimizers.create("hyper-gp", problem.space(), fidelity, seed);
        IncumbentTracker incumbent = new IncumbentTracker();
        Map<Long, Integer> evaluations = new TreeMap<>();
        Map<Long, Double> cost = new TreeMap<>();
        Map<Integer, Integer> starts = new TreeMap<>();
        double[] bestFull = {Double.POSITIVE_INFINITY};
        CheckpointRun.run(problem, optimizer, "hyper-gp", seed, costs[costs.length - 1], costs, new CheckpointRun.Steps() {
            @Override
            public Result evaluate(Job job) {
                return Result.of(problem.evaluate(job.configuration(), job.budget(), EvaluationStreams.forJob(seed, job.id())));
            }

            @Override
            public void evaluated(Job job, double effectiveBudget, Result result) {
                incumbent.offer(job.configuration(), effectiveBudget, result.isFailure() ? Double.NaN : result.value());
                long rounded = Math.round(effectiveBudget * 100);
                evaluations.merge(rounded, 1, Integer::sum);
                cost.merge(rounded, effectiveBudget / problem.maxBudget(), Double::sum);
                if (job.rung() == 0) {
                    starts.merge(job.configId().bracket(), 1, Integer::sum);
                }
                if (effectiveBudget >= problem.maxBudget() * (1 - 1e-9)) {
                    bestFull[0] = Math.min(bestFull[0], problem.regret(job.configuration()));
                    if (printFull) {
                        System.out.printf(Locale.ROOT, "  full budget, %s: %s observed %.4g regret %.4g%n",
                                job.rung() == 0 ? "started" : "promoted", job.configuration(), result.value(),
                                problem.regret(job.configuration()));
                    }
                }
            }

            @Override
            public void checkpoint(int index) {
                StringBuilder spent = new StringBuilder();
                evaluations.forEach((b, n) -> spent.append(String.format(Locale.ROOT, " %s:%d/%.1f",
                        RunnerOptions.format(b / 100.0), n, cost.get(b))));
                System.out.printf(Locale.ROOT, "%s seed %d cost %s: regret %.4g (best full-budget evaluation %.4g),"
                                + " budget:evaluations/cost%s, new configurations per bracket %s, reliability %s,"
                                + " bracket shares %s%n",
                        problem.name(), seed, RunnerOptions.format(costs[index]), problem.regret(incumbent.configuration()),
                        bestFull[0], spent, starts, format(optimizer.reliability()), format(optimizer.bracketShares()));
            }
        });
    }

    private static String format(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", values[i]));
        }
        return s.append(']').toString();
    }
}
