package org.hpo4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.PriorObservation;
import org.hpo4j.optimizer.WarmStart;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizer contract over every optimizer of the registry with its defaults, and over the
 * warm-start wrapper in front of optimizers with and without a model that learns from priors
 * ({@code WarmStartable}), bracketed and not, the default among them. Two more cases over every
 * registered optimizer: bounded to one iteration, a bracketed one ends by finishing; and inside the
 * warm-start wrapper, every answer still keeps the contract.
 */
class RegisteredOptimizersContractTest extends OptimizerContract {
    /** The delegates the warm-start wrapper is run through the whole contract with. */
    static final List<String> WARM_STARTED = List.of("random", "hyperband", "bohb", "tpe", "hyper-gp");

    @Override
    protected Stream<Named<Factory>> optimizers() {
        Stream<Named<Factory>> registered = Optimizers.names().stream()
                .map(name -> Named.of(name, (space, fidelity, seed) -> Optimizers.create(name, space, fidelity, seed)));
        Stream<Named<Factory>> warmStarted = WARM_STARTED.stream()
                .map(name -> Named.of("warm start + " + name, (space, fidelity, seed) -> new WarmStart(
                        Optimizers.create(name, space, fidelity, seed), seeds(space), fidelity.maxBudget(),
                        priors(space, fidelity), 0.5)));
        return Stream.concat(registered, warmStarted);
    }

    /** Two configurations of earlier studies: the space's defaults and the first prior's. */
    private static List<Configuration> seeds(SearchSpace space) {
        return List.of(space.defaults(), priors(space, FIDELITY).get(0).configuration());
    }

    /** Earlier evaluations at two budgets, drawn with a seed of their own. */
    private static List<PriorObservation> priors(SearchSpace space, Fidelity fidelity) {
        Random random = new Random(5);
        return IntStream.range(0, 6).mapToObj(i -> new PriorObservation(space.sample(random::nextDouble),
                i % 2 == 0 ? fidelity.maxBudget() : fidelity.maxBudget() / 3, 1.0 + i)).toList();
    }

    static Stream<String> names() {
        return Optimizers.names().stream();
    }

    /** The optimizer {@code name}, bounded to one Hyperband iteration when it runs brackets. */
    private static Optimizer boundedToOneIteration(String name) {
        return Optimizers.bracketed().contains(name)
                ? Optimizers.create(name, SPACE, FIDELITY, SEED, HyperbandSettings.defaults().withMaxIterations(1))
                : Optimizers.create(name, SPACE, FIDELITY, SEED);
    }

    @ParameterizedTest
    @MethodSource("names")
    void aBoundedRunEndsByFinishingNotByWaiting(String name) {
        Optimizer o = boundedToOneIteration(name);
        List<Job> jobs = drive(o, JOBS);
        if (Optimizers.bracketed().contains(name)) {
            assertTrue(o.isFinished(), name + " ran one iteration in " + jobs.size() + " jobs and finished");
        }
        if (o.isFinished()) {
            assertTrue(o.ask().isFinished(), "a finished optimizer answers finished");
        } else {
            assertEquals(JOBS, jobs.size());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void theWarmStartWrapperKeepsTheContractAroundEveryOptimizer(String name) {
        WarmStart w = new WarmStart(boundedToOneIteration(name), List.of(SPACE.defaults(), SPACE.defaults()),
                FIDELITY.maxBudget(), List.of(), 1);
        List<Job> jobs = drive(w, JOBS);
        for (int i = 0; i < jobs.size(); i++) {
            assertEquals(i, jobs.get(i).id(), "ids count 0, 1, 2, ... across seeds and the delegate's jobs");
        }
        assertEquals(w.isFinished(), jobs.size() < JOBS);
    }
}
