package org.hpo4j.optimizer;

import org.hpo4j.optimizer.registry.Optimizers;

/**
 * Every optimization algorithm, as an ask/tell state machine. Optimizers minimize; studies negate
 * the values of objectives that are maximized.
 *
 * <p>Invariants every implementation keeps (and {@code OptimizerContractTest} checks):
 * <ul>
 *   <li>No threads, clocks, files or global randomness: the state is a function of the seed given
 *       at construction and of the ordered sequence of {@code ask}/{@code tell} calls. Replaying
 *       the same calls gives the same jobs.</li>
 *   <li>{@link #ask()} hands out jobs with ids 0, 1, 2, ... ({@link Ask.Run}).</li>
 *   <li>{@link Ask.Wait} only while at least one job handed out is still outstanding (not yet
 *       told): a caller with nothing running never has to wait for nothing.</li>
 *   <li>{@link Ask.Finished} is final: once answered, every later {@code ask()} answers it too and
 *       {@link #isFinished()} is true; jobs still outstanding may still be told.</li>
 *   <li>{@link #isFinished()} agrees with {@code ask()}: it is true exactly when {@code ask()}
 *       would answer {@link Ask.Finished}, and calling it does not change the jobs handed out.</li>
 *   <li>Several jobs may be outstanding at once; {@link #tell} accepts results in any order, once
 *       per job handed out.</li>
 *   <li>A failed result is recorded, ranks behind every successful one, and is never fitted by a
 *       model.</li>
 *   <li>An optimizer that {@linkplain #handlesSeveralObjectives handles several objectives} ranks
 *       infeasible results (violation above 0) behind every feasible one, by their violation.</li>
 * </ul>
 */
public interface Optimizer {

    /** What to do next: run a job, wait for the result of an outstanding one, or stop (finished). */
    Ask ask();

    /**
     * Feeds back the outcome of a job this optimizer handed out.
     *
     * @throws IllegalArgumentException for a job it did not hand out or was already told
     */
    void tell(Job job, Result result);

    /** Whether the optimizer has nothing more to ask, ever (e.g. a finished schedule or grid). */
    default boolean isFinished() {
        return false;
    }

    /**
     * Whether the optimizer searches for the trade-offs of several objectives: it ranks results by
     * {@link Result#objectives()} (Pareto dominance) and {@link Result#violation()}. Optimizers
     * that rank by {@link Result#value()} alone answer false, and a study of several objectives
     * refuses them.
     */
    default boolean handlesSeveralObjectives() {
        return false;
    }
}
