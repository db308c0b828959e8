package org.hpo4j.benchmarks.lcbench;

import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import org.hpo4j.benchmarks.BenchmarkProblem;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * {@code lcbench-<task>}: YAHPO Gym's LCBench surrogate for one OpenML task, as
 * {@code shared/bench/lcbench/README.md} defines the benchmark. The budget is epochs in
 * {@code [52/27, 52]}; an evaluation at budget {@code b} trains {@code round(b)} epochs (2, 6, 17,
 * 52 on the rungs) and is charged {@code round(b) / 52}. The value is {@code 1 - val_accuracy / 100}
 * at that epoch; the surrogate is deterministic, so the value at epoch 52 is the true value. Regret
 * is taken against the task's reference optimum in {@code optima.json}; for a task without one
 * (all but the three of record) the optimum is taken as 0, so regret is the validation error itself.
 */
public final class LcBenchProblem implements BenchmarkProblem {
    /** Problem names are this prefix followed by the OpenML task id. */
    public static final String PREFIX = "lcbench-";

    private final String task;
    private final int code;
    private final double optimum;
    private final LcBenchSurrogate surrogate;

    /**
     * The problem for OpenML task {@code task}.
     *
     * @throws IllegalArgumentException for a task the surrogate does not serve, listing those it does
     */
    public LcBenchProblem(String task) {
        this.task = task;
        this.code = LcBenchTasks.get().code(task);
        this.optimum = LcBenchTasks.get().optimum(task).map(LcBenchTasks.ReferenceOptimum::value).orElse(0.0);
        this.surrogate = LcBenchSurrogate.shared();
    }

    /** The OpenML task id. */
    public String task() {
        return task;
    }

    @Override
    public String name() {
        return PREFIX + task;
    }

    @Override
    public SearchSpace space() {
        return LcBenchSpace.space();
    }

    @Override
    public double maxBudget() {
        return LcBenchSpace.MAX_EPOCHS;
    }

    @Override
    public double minBudget() {
        return LcBenchSpace.MIN_EPOCHS;
    }

    @Override
    public double effectiveBudget(double budget) {
        return LcBenchSpace.epochs(budget);
    }

    @Override
    public double evaluate(Configuration configuration, double budget, RandomGenerator random) {
        checkBudget(budget);
        return error(predict(configuration, LcBenchSpace.epochs(budget)));
    }

    @Override
    public double trueValue(Configuration configuration) {
        return error(predict(configuration, (int) LcBenchSpace.MAX_EPOCHS));
    }

    @Override
    public OptionalDouble testScore(Configuration configuration) {
        return OptionalDouble.of(predict(configuration, (int) LcBenchSpace.MAX_EPOCHS).testBalancedAccuracy());
    }

    @Override
    public double optimum() {
        return optimum;
    }

    /** All six metrics of {@code configuration} after {@code epochs} epochs. */
    public SurrogateOutput predict(Configuration configuration, int epochs) {
        return surrogate.predict(code, SurrogateInput.of(configuration, epochs));
    }

    private static double error(SurrogateOutput output) {
        return 1 - output.valAccuracy() / 100.0;
    }
}
