package org.hpo4j.optimizer.gp;

import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.PriorObservation;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.WarmStartable;
import org.hpo4j.optimizer.async.AsyncSuccessiveHalving;
import org.hpo4j.optimizer.async.WeightedBrackets;
import org.hpo4j.space.SearchSpace;

/**
 * hyper-gp, hpo4j's default optimizer: asynchronous Hyperband whose new configurations come from a
 * Gaussian process over configuration and budget, and whose brackets are weighted by how far each
 * budget's ranking agrees with the largest budget's.
 *
 * <p>Scheduling is {@link AsyncSuccessiveHalving}'s: every bracket of Hyperband runs as its own
 * asynchronous successive halving, a rung promoting at most {@code floor(n / eta)} of its results
 * (as asynchronous BOHB does), so no worker waits at a barrier, with one worker or many. New
 * configurations go to the brackets by {@link WeightedBrackets}, with shares from the model's
 * rung reliabilities ({@link MultiFidelityGp}): until they are measured, the small budgets are half
 * trusted and the full-budget bracket has half of the budget; once the small budgets are shown to
 * rank configurations as the large ones do, the split moves towards Hyperband's and most
 * configurations are screened at small budgets; where they mislead, their brackets lose their share and the effort moves to brackets
 * that start at larger budgets, in the limit to full-budget evaluations only, which the GP then
 * refines as {@code gp} does.
 *
 * <p>With many workers the brackets are paced by the results that are back
 * ({@link WeightedBrackets}: a bracket opens and takes its share by the budget planned by
 * configurations whose first result is in), so the full-budget bracket does not open on the first
 * screening results and start a dozen configurations from them at once; running jobs are
 * believed at the full budget ({@link MultiFidelityGp}). Neither acts with one worker, whose
 * results are all in whenever it proposes.
 *
 * <p>The state is a function of the seed and the sequence of calls (no threads, clocks or files);
 * the same seed and the same results in the same order give the same jobs. With
 * {@link HyperbandSettings#maxIterations()} {@code = m} it starts configurations until they plan
 * {@code m} Hyperband iterations' budget, then only promotes, and finishes.
 */
public final class HyperGp implements Optimizer, WarmStartable {
    private final MultiFidelityGp model;
    private final AsyncSuccessiveHalving runner;

    /** hyper-gp with eta 3, no bound on iterations and {@link HyperGpSettings#defaults()}. */
    public HyperGp(SearchSpace space, Fidelity fidelity, long seed) {
        this(space, fidelity, seed, HyperbandSettings.defaults(), HyperGpSettings.defaults());
    }

    /** hyper-gp with the given eta and bound on iterations and {@link HyperGpSettings#defaults()}. */
    public HyperGp(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings) {
        this(space, fidelity, seed, settings, HyperGpSettings.defaults());
    }

    /** hyper-gp over {@code space}. */
    public HyperGp(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings, HyperGpSettings hyperGp) {
        HyperbandSchedule schedule = HyperbandSchedule.of(fidelity, settings);
        this.model = new MultiFidelityGp(space, schedule, hyperGp, new MersenneTwister(seed));
        this.runner = new AsyncSuccessiveHalving(schedule, AsyncSuccessiveHalving.allBrackets(schedule), model,
                new WeightedBrackets(schedule, model::bracketShares, settings.maxIterations()), true);
    }

    @Override
    public Ask ask() {
        return runner.ask();
    }

    @Override
    public void tell(Job job, Result result) {
        runner.tell(job, result);
    }

    @Override
    public boolean isFinished() {
        return runner.isFinished();
    }

    /**
     * Adds earlier evaluations to the GP at their budgets, each counting {@code weight} of an own
     * result (its noise raised, as {@code gp} does); they do not enter the reliabilities.
     */
    @Override
    public void warmStart(List<PriorObservation> observations, double weight) {
        WarmStartable.checkWeight(weight);
        model.warmStart(observations, weight);
    }

    /** The current reliability of each budget level, smallest budget first (0.5 where not yet measured, 1 for the full budget). */
    public double[] reliability() {
        return model.reliability();
    }

    /** The current wanted share of the budget per bracket {@code s} (not normalized). */
    public double[] bracketShares() {
        return model.bracketShares();
    }
}
