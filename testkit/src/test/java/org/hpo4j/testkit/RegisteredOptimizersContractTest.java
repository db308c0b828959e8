package org.hpo4j.testkit;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.OptimizerSettings;
import org.hpo4j.optimizer.PriorObservation;
import org.hpo4j.optimizer.WarmStart;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Named;

/**
 * The optimizer contract over every optimizer of the registry, and over the warm-start wrapper in
 * front of optimizers with and without a model that learns from priors ({@code WarmStartable}),
 * bracketed and not, the default among them.
 */
class RegisteredOptimizersContractTest extends OptimizerContract {
    /** The delegates the warm-start wrapper is checked over. */
    static final List<String> WARM_STARTED = List.of("random", "hyperband", "bohb", "tpe", "hyper-gp");

    @Override
    protected Stream<Named<Factory>> optimizers() {
        Stream<Named<Factory>> registered = Optimizers.names().stream()
                .map(name -> Named.of(name, (space, min, max, seed) -> registered(name, space, min, max, seed)));
        Stream<Named<Factory>> warmStarted = WARM_STARTED.stream()
                .map(name -> Named.of("warm start + " + name, (space, min, max, seed) -> new WarmStart(
                        registered(name, space, min, max, seed), seeds(space), max, priors(space, max), 0.5)));
        return Stream.concat(registered, warmStarted);
    }

    private static Optimizer registered(String name, SearchSpace space, double min, double max, long seed) {
        return Optimizers.create(name, space, new OptimizerSettings(min, max, 3, seed, 0));
    }

    /** Two configurations of earlier studies: the space's defaults and the first prior's. */
    private static List<Configuration> seeds(SearchSpace space) {
        return List.of(space.defaults(), priors(space, 1).get(0).configuration());
    }

    /** Earlier evaluations at two budgets, drawn with a seed of their own. */
    private static List<PriorObservation> priors(SearchSpace space, double max) {
        Random random = new Random(5);
        return IntStream.range(0, 6).mapToObj(i -> new PriorObservation(space.sample(random::nextDouble),
                i % 2 == 0 ? max : max / 3, 1.0 + i)).toList();
    }
}
