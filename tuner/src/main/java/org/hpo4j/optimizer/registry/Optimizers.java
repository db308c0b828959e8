package org.hpo4j.optimizer.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hpo4j.optimizer.Bohb;
import org.hpo4j.optimizer.BohbSettings;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Hyperband;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.RandomSearch;
import org.hpo4j.optimizer.SuccessiveHalving;
import org.hpo4j.optimizer.async.AsyncSuccessiveHalving;
import org.hpo4j.optimizer.cmaes.CmaEs;
import org.hpo4j.optimizer.gp.GpOptimizer;
import org.hpo4j.optimizer.gp.HyperGp;
import org.hpo4j.optimizer.gp.HyperGpSettings;
import org.hpo4j.optimizer.grid.GridSearch;
import org.hpo4j.optimizer.local.LocalSearch;
import org.hpo4j.optimizer.multi.MultiObjectiveAsha;
import org.hpo4j.optimizer.multi.Nsga2;
import org.hpo4j.optimizer.multi.ParEgo;
import org.hpo4j.optimizer.tpe.TreeParzenEstimator;
import org.hpo4j.space.SearchSpace;

/**
 * Creates optimizers by name, as {@code -Dhpo.optimizer=...} names them, from what every optimizer
 * takes (the search space, the {@link Fidelity budget range} and the seed) and, for the optimizers
 * that run successive-halving brackets, their {@link HyperbandSettings} (eta and a bound on
 * iterations). Every other setting of an optimizer is its default; build the optimizer with its
 * constructor to choose them.
 */
public final class Optimizers {
    /** How an optimizer is built; one without brackets ignores the {@link HyperbandSettings}. */
    @FunctionalInterface
    private interface Factory {
        Optimizer create(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings);
    }

    /** Every optimizer by name, in the order help texts and benchmark tables show them. */
    private static final Map<String, Factory> FACTORIES;
    /** The names of the optimizers that run brackets and so take {@link HyperbandSettings}. */
    private static final Set<String> BRACKETED;

    static {
        Map<String, Factory> f = new LinkedHashMap<>();
        Set<String> bracketed = new LinkedHashSet<>();
        plain(f, "random", RandomSearch::new);
        brackets(f, bracketed, "successive-halving", SuccessiveHalving::new);
        brackets(f, bracketed, "hyperband", Hyperband::new);
        brackets(f, bracketed, "bohb", (space, fidelity, seed, settings) -> new Bohb(space, fidelity, seed, settings,
                BohbSettings.defaults()));
        plain(f, "grid", GridSearch::new);
        plain(f, "local", LocalSearch::new);
        plain(f, "tpe", TreeParzenEstimator::new);
        plain(f, "gp", GpOptimizer::new);
        plain(f, "cmaes", CmaEs::new);
        brackets(f, bracketed, "asha", AsyncSuccessiveHalving::asha);
        brackets(f, bracketed, "async-hyperband", AsyncSuccessiveHalving::hyperband);
        brackets(f, bracketed, "async-bohb", AsyncSuccessiveHalving::bohb);
        brackets(f, bracketed, "hyper-gp", (space, fidelity, seed, settings) -> new HyperGp(space, fidelity, seed,
                settings, HyperGpSettings.defaults()));
        plain(f, "nsga2", Nsga2::new);
        brackets(f, bracketed, "mo-asha", MultiObjectiveAsha::asha);
        brackets(f, bracketed, "parego", ParEgo::optimizer);
        brackets(f, bracketed, "mo-gp", ParEgo::hypervolumeOptimizer);
        FACTORIES = Collections.unmodifiableMap(f);
        BRACKETED = Collections.unmodifiableSet(bracketed);
    }

    /** An optimizer built from space, budget range and seed alone. */
    @FunctionalInterface
    private interface Plain {
        Optimizer create(SearchSpace space, Fidelity fidelity, long seed);
    }

    private static void plain(Map<String, Factory> f, String name, Plain plain) {
        f.put(name, (space, fidelity, seed, settings) -> plain.create(space, fidelity, seed));
    }

    private static void brackets(Map<String, Factory> f, Set<String> bracketed, String name, Factory factory) {
        f.put(name, factory);
        bracketed.add(name);
    }

    private Optimizers() {
    }

    /** The default optimizer for a study of several objectives. */
    public static final String MULTI_OBJECTIVE_DEFAULT = "mo-gp";

    /** The names {@link #create} accepts. */
    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /**
     * The names of the optimizers that run successive-halving brackets over the budget range: the
     * ones that take {@link HyperbandSettings} (eta, and an end after some iterations).
     */
    public static Set<String> bracketed() {
        return BRACKETED;
    }

    /**
     * The optimizer called {@code name} over {@code space}, with its default settings (for a
     * bracketed one {@link HyperbandSettings#defaults()}: eta 3, no bound on iterations).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Optimizer create(String name, SearchSpace space, Fidelity fidelity, long seed) {
        return factory(name).create(space, fidelity, seed, HyperbandSettings.defaults());
    }

    /**
     * The bracketed optimizer called {@code name} over {@code space}, with eta and the bound on
     * iterations of {@code settings}.
     *
     * @throws IllegalArgumentException for an unknown name, or for an optimizer without brackets
     *     (which has no eta), naming the optimizers that have them
     */
    public static Optimizer create(String name, SearchSpace space, Fidelity fidelity, long seed,
                                   HyperbandSettings settings) {
        Factory factory = factory(name);
        if (!BRACKETED.contains(name)) {
            throw new IllegalArgumentException("optimizer '" + name + "' runs no successive-halving brackets: it has no"
                    + " eta and no iterations of its own; those apply to " + String.join(", ", BRACKETED));
        }
        return factory.create(space, fidelity, seed, settings);
    }

    private static Factory factory(String name) {
        Factory factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: " + String.join(", ", names()));
        }
        return factory;
    }
}
