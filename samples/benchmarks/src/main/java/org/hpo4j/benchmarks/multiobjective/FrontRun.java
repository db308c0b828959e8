package org.hpo4j.benchmarks.multiobjective;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hpo4j.benchmarks.EvaluationStreams;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.registry.Optimizers;

/**
 * Drives one optimizer of several objectives through ask/tell on one {@link MultiObjectiveProblem}
 * with one simulated worker, as {@link org.hpo4j.benchmarks.SeedRun} does for one objective: ask,
 * evaluate, tell the objective vector, until the cumulative cost (restart semantics) reaches the
 * maximum. At each checkpoint cost it takes the normalised hypervolume of the
 * {@link IncumbentFront} right after the evaluation that brought the cost to the checkpoint or
 * beyond; an optimizer that finishes early keeps its final front for the later checkpoints.
 */
public final class FrontRun {
    private static final double COST_SLACK = 1e-9;

    private FrontRun() {
    }

    /**
     * What one seed produced.
     *
     * @param hypervolumes the incumbent front's normalised hypervolume at each checkpoint
     * @param frontSizes the number of configurations of that front at each checkpoint
     * @param overheadNanos time inside {@code ask()} plus {@code tell()}, per evaluation
     * @param evaluations number of evaluations run
     * @param cost the cumulative cost at the end, in full evaluations
     */
    public record Outcome(double[] hypervolumes, int[] frontSizes, long[] overheadNanos, int evaluations, double cost) {
    }

    /**
     * Runs {@code optimizerName} on {@code problem} with {@code seed}.
     *
     * @param checkpoints ascending costs, each at most {@code maxCost}
     * @throws IllegalArgumentException when the optimizer does not handle several objectives
     * @throws IllegalStateException when the optimizer waits although nothing is outstanding
     */
    public static Outcome run(MultiObjectiveProblem problem, String optimizerName, long seed, double maxCost,
                              double[] checkpoints) {
        Optimizer optimizer = Optimizers.create(optimizerName, problem.space(),
                new Fidelity(problem.minBudget(), problem.maxBudget()), seed);
        if (!optimizer.handlesSeveralObjectives()) {
            throw new IllegalArgumentException("optimizer '" + optimizerName + "' ranks by one value and cannot run "
                    + problem.name() + ", a problem of several objectives");
        }
        IncumbentFront front = new IncumbentFront();
        double[] hypervolumes = new double[checkpoints.length];
        int[] frontSizes = new int[checkpoints.length];
        long[] overhead = new long[1024];
        int evaluations = 0;
        int next = 0;
        double spentBudget = 0;
        double maxBudget = problem.maxBudget();
        while (spentBudget / maxBudget < maxCost * (1 - COST_SLACK)) {
            long t0 = System.nanoTime();
            Ask asked = optimizer.ask();
            long t1 = System.nanoTime();
            if (asked.isFinished()) {
                break;
            }
            if (!(asked instanceof Ask.Run run)) {
                throw new IllegalStateException("optimizer '" + optimizerName + "' on " + problem.name() + " (seed " + seed
                        + ") asks to wait after " + evaluations + " evaluations although none is outstanding");
            }
            Job job = run.job();
            double[] observed = problem.evaluate(job.configuration(), job.budget(), EvaluationStreams.forJob(seed, job.id()));
            Result result = Result.of(Arrays.stream(observed).boxed().toList(), List.of());
            long t2 = System.nanoTime();
            optimizer.tell(job, result);
            long t3 = System.nanoTime();
            if (evaluations == overhead.length) {
                overhead = Arrays.copyOf(overhead, overhead.length * 2);
            }
            overhead[evaluations++] = (t1 - t0) + (t3 - t2);
            double budget = problem.effectiveBudget(job.budget());
            spentBudget += budget;
            front.offer(job.configuration(), budget, observed);
            while (next < checkpoints.length && spentBudget / maxBudget >= checkpoints[next] * (1 - COST_SLACK)) {
                hypervolumes[next] = front.hypervolume(problem);
                frontSizes[next++] = front.members().size();
            }
        }
        for (; next < checkpoints.length; next++) {
            hypervolumes[next] = front.hypervolume(problem);
            frontSizes[next] = front.members().size();
        }
        return new Outcome(hypervolumes, frontSizes, Arrays.copyOf(overhead, evaluations), evaluations,
                spentBudget / maxBudget);
    }
}
