package org.hpo4j.optimizer;

import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.space.SearchSpace;

/**
 * BOHB (Falkner et al. 2018): Hyperband's brackets, with new configurations proposed by a
 * TPE-like model as in HpBandSter's {@code config_generators/bohb.py}; see {@link BohbModel} for
 * the model and where it deviates from HpBandSter.
 *
 * <p>Brackets are sized as Li et al. write ({@link HyperbandSchedule.Sizing#LI}); HpBandSter's
 * slightly smaller middle brackets are available through the constructor that takes a schedule.
 */
public final class Bohb extends BracketedOptimizer implements WarmStartable {
    private final BohbModel model;

    /** BOHB with eta 3, no bound on iterations and HpBandSter's default model settings. */
    public Bohb(SearchSpace space, Fidelity fidelity, long seed) {
        this(space, fidelity, seed, HyperbandSettings.defaults(), BohbSettings.defaults());
    }

    /** BOHB with the schedule of Li et al. and the given model settings. */
    public Bohb(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings, BohbSettings bohbSettings) {
        this(space, seed, settings.maxIterations(), bohbSettings, HyperbandSchedule.of(fidelity, settings));
    }

    /**
     * BOHB with a given bracket schedule (e.g. HpBandSter's sizing) and model settings, finished
     * after {@code maxIterations} iterations (0: never).
     */
    public Bohb(SearchSpace space, long seed, int maxIterations, BohbSettings bohbSettings, HyperbandSchedule schedule) {
        this(new BohbModel(space, bohbSettings, new MersenneTwister(seed)), maxIterations, schedule);
    }

    private Bohb(BohbModel model, int maxIterations, HyperbandSchedule schedule) {
        super(new BracketRunner(schedule, Hyperband.cycle(schedule), maxIterations * schedule.bracketsPerIteration(),
                budget -> model.propose(), model::observe));
        this.model = model;
    }

    /** Adds earlier evaluations to the model (see {@link BohbModel#warmStart}). */
    @Override
    public void warmStart(java.util.List<PriorObservation> observations, double weight) {
        model.warmStart(observations, weight);
    }

    /** The budget whose observations the current model was fitted on; -infinity before any model. */
    public double modelBudget() {
        return model.modelBudget();
    }

    /** How many proposals so far came from the model rather than the prior. */
    public int modelBasedProposals() {
        return model.modelBasedProposals();
    }
}
