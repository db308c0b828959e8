package org.hpo4j.benchmarks;

import java.util.Locale;
import org.hpo4j.optimizer.Bohb;
import org.hpo4j.optimizer.BohbSettings;
import org.hpo4j.optimizer.HyperbandSchedule;

/**
 * A diagnostic: BOHB with Li et al.'s bracket sizes (the registered "bohb") against the same BOHB
 * with HpBandSter's smaller middle brackets, under the runner's rules, to tell the schedule's share
 * of a difference to HpBandSter's figures from the model's.
 *
 * <pre>java -cp samples/benchmarks/target/hpo4j-benchmarks.jar org.hpo4j.benchmarks.BohbScheduleComparison \
 *     [problems=hartmann6-mf,branin-mf] [seeds=32]</pre>
 */
public final class BohbScheduleComparison {
    private BohbScheduleComparison() {
    }

    /** Arguments, both optional: comma-separated problems, number of seeds. */
    public static void main(String[] args) {
        String problems = args.length > 0 ? args[0] : "hartmann6-mf,branin-mf";
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        double[] checkpoints = RunnerOptions.DEFAULT_CHECKPOINTS;
        for (String name : problems.split(",")) {
            BenchmarkProblem problem = Problems.byName(name.trim());
            for (HyperbandSchedule.Sizing sizing : HyperbandSchedule.Sizing.values()) {
                double[][] regrets = new double[checkpoints.length][seeds];
                for (int seed = 0; seed < seeds; seed++) {
                    Bohb bohb = new Bohb(problem.space(), seed, 0, BohbSettings.defaults(),
                            HyperbandSchedule.of(problem.minBudget(), problem.maxBudget(), 3, sizing));
                    double[] r = SeedRun.run(problem, bohb, "bohb/" + sizing, seed, checkpoints[checkpoints.length - 1],
                            checkpoints).regrets();
                    for (int k = 0; k < checkpoints.length; k++) {
                        regrets[k][seed] = r[k];
                    }
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s bohb, %-10s sizing", name, sizing));
                for (int k = 0; k < checkpoints.length; k++) {
                    Quartiles q = Quartiles.of(regrets[k]);
                    line.append(String.format(Locale.ROOT, " | cost %s: %.3g [%.3g, %.3g]",
                            RunnerOptions.format(checkpoints[k]), q.median(), q.q25(), q.q75()));
                }
                System.out.println(line);
            }
        }
    }
}
