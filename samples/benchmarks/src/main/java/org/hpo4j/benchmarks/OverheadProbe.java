package org.hpo4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.optimizer.Result;

/**
 * The optimizer's cost per {@code ask()} + {@code tell()} at a given history size, as wall time and
 * as the thread's CPU time. On a shared machine the wall time's tail is the scheduler's (a thread
 * preempted for a time slice), the CPU time is the optimizer's own; JMH reports wall time only.
 *
 * <pre>java -cp samples/benchmarks/target/hpo4j-benchmarks.jar org.hpo4j.benchmarks.OverheadProbe \
 *     [optimizer=bohb] [problem=hartmann6-mf] [history=300] [seeds=40] [calls=10]</pre>
 *
 * The history is a cost in full evaluations ({@code 300}) or a number of evaluations ({@code 1000evals}).
 */
public final class OverheadProbe {
    private static final String EVALUATIONS = "evals";

    private OverheadProbe() {
    }

    /** Arguments in order, all optional: optimizer, problem, history cost, seeds, calls per seed. */
    public static void main(String[] args) {
        String optimizerName = args.length > 0 ? args[0] : "bohb";
        BenchmarkProblem problem = Problems.byName(args.length > 1 ? args[1] : "hartmann6-mf");
        String history = args.length > 2 ? args[2] : "300";
        boolean byCount = history.endsWith(EVALUATIONS);
        double historySize = Double.parseDouble(byCount ? history.substring(0, history.length() - EVALUATIONS.length()) : history);
        int seeds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        int calls = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[seeds * calls];
        double[] cpu = new double[seeds * calls];
        int k = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            Optimizer optimizer = Optimizers.create(optimizerName, problem.space(),
                    new Fidelity(problem.minBudget(), problem.maxBudget()), seed);
            double spent = 0;
            for (int n = 0; byCount ? n < historySize : spent < historySize * problem.maxBudget(); n++) {
                spent += step(optimizer, problem, seed).budget();
            }
            for (int c = 0; c < calls; c++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                step(optimizer, problem, seed);
                wall[k] = (System.nanoTime() - wall0) / 1e3;
                cpu[k] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3;
                k++;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%s on %s after %s %s, %d calls (%d seeds x %d):%n", optimizerName,
                problem.name(), RunnerOptions.format(historySize), byCount ? "evaluations" : "full evaluations", k, seeds, calls);
        System.out.println(line("wall time", wall));
        System.out.println(line("thread CPU time", cpu));
    }

    private static Job step(Optimizer optimizer, BenchmarkProblem problem, long seed) {
        Job job = optimizer.ask().jobToRun().orElseThrow(() -> new IllegalStateException("the optimizer asked nothing"));
        optimizer.tell(job, Result.of(problem.evaluate(job.configuration(), job.budget(),
                EvaluationStreams.forJob(seed, job.id()))));
        return job;
    }

    private static String line(String what, double[] sorted) {
        return String.format(Locale.ROOT, "  %-16s us per ask+tell: median %.1f, p90 %.1f, p99 %.1f, max %.1f, mean %.1f", what,
                Quartiles.quantile(sorted, 0.5), Quartiles.quantile(sorted, 0.9), Quartiles.quantile(sorted, 0.99),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(Double.NaN));
    }
}
