package org.hpo4j.optimizer.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.hpo4j.optimizer.Bohb;
import org.hpo4j.optimizer.Hyperband;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.OptimizerSettings;
import org.hpo4j.optimizer.RandomSearch;
import org.hpo4j.optimizer.SuccessiveHalving;
import org.hpo4j.optimizer.cmaes.CmaEs;
import org.hpo4j.optimizer.gp.GpOptimizer;
import org.hpo4j.optimizer.grid.GridSearch;
import org.hpo4j.optimizer.local.LocalSearch;
import org.hpo4j.optimizer.tpe.TreeParzenEstimator;
import org.hpo4j.space.SearchSpace;

/** Creates optimizers by name, as {@code -Dhpo.optimizer=...} names them. */
public final class Optimizers {
    private static final Map<String, BiFunction<SearchSpace, OptimizerSettings, Optimizer>> FACTORIES;

    static {
        Map<String, BiFunction<SearchSpace, OptimizerSettings, Optimizer>> f = new LinkedHashMap<>();
        f.put("random", RandomSearch::new);
        f.put("successive-halving", SuccessiveHalving::new);
        f.put("hyperband", Hyperband::new);
        f.put("bohb", Bohb::new);
        f.put("grid", GridSearch::new);
        f.put("local", LocalSearch::new);
        f.put("tpe", TreeParzenEstimator::new);
        f.put("gp", GpOptimizer::new);
        f.put("cmaes", CmaEs::new);
        f.put("asha", org.hpo4j.optimizer.async.AsyncSuccessiveHalving::asha);
        f.put("async-hyperband", org.hpo4j.optimizer.async.AsyncSuccessiveHalving::hyperband);
        f.put("async-bohb", org.hpo4j.optimizer.async.AsyncSuccessiveHalving::bohb);
        f.put("hyper-gp", org.hpo4j.optimizer.gp.HyperGp::new);
        f.put("nsga2", org.hpo4j.optimizer.multi.Nsga2::new);
        f.put("mo-asha", org.hpo4j.optimizer.multi.MultiObjectiveAsha::asha);
        f.put("parego", org.hpo4j.optimizer.multi.ParEgo::optimizer);
        FACTORIES = Collections.unmodifiableMap(f);
    }

    private Optimizers() {
    }

    /** The default optimizer for a study of several objectives. */
    public static final String MULTI_OBJECTIVE_DEFAULT = "parego";

    /** The names {@link #create} accepts. */
    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /**
     * The optimizer called {@code name} over {@code space}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Optimizer create(String name, SearchSpace space, OptimizerSettings settings) {
        BiFunction<SearchSpace, OptimizerSettings, Optimizer> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: " + String.join(", ", names()));
        }
        return factory.apply(space, settings);
    }
}
