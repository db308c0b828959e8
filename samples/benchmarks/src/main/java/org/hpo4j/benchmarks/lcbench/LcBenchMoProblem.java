package org.hpo4j.benchmarks.lcbench;

import java.util.random.RandomGenerator;
import org.hpo4j.benchmarks.multiobjective.MultiObjectiveProblem;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * {@code lcbench-mo-<task>}: validation error against training time on YAHPO Gym's LCBench surrogate,
 * as {@code shared/bench/lcbench/README.md} defines it. Space, fidelity and cost are those of
 * {@link LcBenchProblem}. At the evaluation's whole number of epochs {@code e = round(b)}, both
 * minimised:
 * <ul>
 *   <li>{@code f1 = 1 - val_accuracy / 100};</li>
 *   <li>{@code f2 = min(1, T / T_ref)}, {@code T = time(e) * 52 / e} the training time projected to
 *       52 epochs, {@code T_ref} the task's {@code time_ref_s} in {@code optima.json}.</li>
 * </ul>
 * Both lie in [0, 1], so hypervolumes below (1, 1) are already normalised ({@link #bestHypervolume}
 * is 1, which no configuration reaches). Only the tasks of record have a {@code time_ref_s}.
 */
public final class LcBenchMoProblem implements MultiObjectiveProblem {
    /** Problem names are this prefix followed by the OpenML task id. */
    public static final String PREFIX = "lcbench-mo-";

    private final LcBenchProblem errors;
    private final double timeReference;

    /**
     * The problem for OpenML task {@code task}.
     *
     * @throws IllegalArgumentException for a task the surrogate does not serve or that has no
     *     {@code time_ref_s} in {@code optima.json}, listing those that have one
     */
    public LcBenchMoProblem(String task) {
        this.errors = new LcBenchProblem(task);
        this.timeReference = LcBenchTasks.get().optimum(task).map(LcBenchTasks.ReferenceOptimum::timeReferenceSeconds)
                .orElseThrow(() -> new IllegalArgumentException("LCBench task '" + task + "' has no time_ref_s in "
                        + "lcbench/optima.json; the two-objective problem exists for " + String.join(", ", LcBenchTasks.OF_RECORD)));
    }

    @Override
    public String name() {
        return PREFIX + errors.task();
    }

    @Override
    public SearchSpace space() {
        return errors.space();
    }

    @Override
    public double maxBudget() {
        return errors.maxBudget();
    }

    @Override
    public double minBudget() {
        return errors.minBudget();
    }

    @Override
    public double effectiveBudget(double budget) {
        return errors.effectiveBudget(budget);
    }

    @Override
    public double[] evaluate(Configuration configuration, double budget, RandomGenerator random) {
        checkBudget(budget);
        return objectives(configuration, LcBenchSpace.epochs(budget));
    }

    @Override
    public double[] trueObjectives(Configuration configuration) {
        return objectives(configuration, (int) LcBenchSpace.MAX_EPOCHS);
    }

    @Override
    public double bestHypervolume() {
        return 1;
    }

    /** The task's {@code T_ref}, seconds. */
    public double timeReferenceSeconds() {
        return timeReference;
    }

    /** (f1, f2) after {@code epochs} epochs. */
    public double[] objectives(Configuration configuration, int epochs) {
        SurrogateOutput output = errors.predict(configuration, epochs);
        double projected = output.time() * LcBenchSpace.MAX_EPOCHS / epochs;
        return new double[] {1 - output.valAccuracy() / 100.0, Math.min(1, projected / timeReference)};
    }
}
