package org.hpo4j.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hpo4j.optimizer.Bohb;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Result;

/**
 * A diagnostic: at each reporting cost, on which budget BOHB's model is fitted (per seed) and which
 * share of the new configurations so far came from the model rather than the prior.
 *
 * <pre>java -cp samples/benchmarks/target/hpo4j-benchmarks.jar org.hpo4j.benchmarks.BohbModelTrace \
 *     [problem=hartmann6-mf] [seeds=32]</pre>
 */
public final class BohbModelTrace {
    private BohbModelTrace() {
    }

    /** Arguments, both optional: the problem, the number of seeds. */
    public static void main(String[] args) {
        BenchmarkProblem problem = Problems.byName(args.length > 0 ? args[0] : "hartmann6-mf");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        double[] checkpoints = RunnerOptions.DEFAULT_CHECKPOINTS;
        int points = checkpoints.length;
        @SuppressWarnings("unchecked")
        Map<Double, Integer>[] modelBudgets = new Map[points];
        double[] modelShare = new double[points];
        for (int k = 0; k < points; k++) {
            modelBudgets[k] = new TreeMap<>();
        }
        for (int seed = 0; seed < seeds; seed++) {
            Bohb bohb = new Bohb(problem.space(), new Fidelity(problem.minBudget(), problem.maxBudget()), seed);
            double spent = 0;
            int newConfigurations = 0;
            int k = 0;
            while (k < points) {
                Job job = bohb.ask().jobToRun().orElseThrow(() -> new IllegalStateException("bohb asked nothing"));
                if (job.rung() == 0) {
                    newConfigurations++;
                }
                bohb.tell(job, Result.of(problem.evaluate(job.configuration(), job.budget(),
                        EvaluationStreams.forJob(seed, job.id()))));
                spent += problem.effectiveBudget(job.budget()) / problem.maxBudget();
                while (k < points && spent >= checkpoints[k] * (1 - 1e-9)) {
                    modelBudgets[k].merge(bohb.modelBudget(), 1, Integer::sum);
                    modelShare[k] += (double) bohb.modelBasedProposals() / newConfigurations / seeds;
                    k++;
                }
            }
        }
        for (int k = 0; k < points; k++) {
            System.out.printf(Locale.ROOT, "%s cost %s: seeds per model budget %s, model-based share of new configurations %.2f%n",
                    problem.name(), RunnerOptions.format(checkpoints[k]), modelBudgets[k], modelShare[k]);
        }
    }
}
