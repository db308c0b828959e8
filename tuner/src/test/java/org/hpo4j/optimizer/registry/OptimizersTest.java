package org.hpo4j.optimizer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.OptimizerSettings;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the registry promises about its optimizers. What every optimizer does is hpo4j-testkit's
 * {@code OptimizerContract}, which runs over each of them.
 */
class OptimizersTest {
    static final SearchSpace SPACE = SearchSpace.builder().add(FloatParameter.uniform("x", -5, 5))
            .add(FloatParameter.logUniform("lr", 1e-5, 1)).build();
    private static final OptimizerSettings SETTINGS = new OptimizerSettings(1, 9, 3, 17, 0);

    static Stream<String> names() {
        return Optimizers.names().stream();
    }

    @Test
    void theMultiObjectiveOptimizersSayTheyHandleSeveralObjectives() {
        for (String name : List.of("random", "nsga2", "mo-asha", "parego")) {
            assertTrue(Optimizers.create(name, SPACE, SETTINGS).handlesSeveralObjectives(), name);
        }
        assertFalse(Optimizers.create("bohb", SPACE, SETTINGS).handlesSeveralObjectives());
        assertTrue(Optimizers.names().contains(Optimizers.MULTI_OBJECTIVE_DEFAULT));
    }

    /** With one iteration, an optimizer that counts iterations ends by finishing, never by waiting. */
    @ParameterizedTest
    @MethodSource("names")
    void aBoundedRunEndsByFinishingNotByWaiting(String name) {
        Optimizer o = Optimizers.create(name, SPACE, SETTINGS.withMaxIterations(1));
        int handedOut = 0;
        for (int i = 0; i < 120; i++) {
            Optional<Job> j = o.ask();
            if (j.isEmpty()) {
                break;
            }
            handedOut++;
            o.tell(j.get(), Result.of(j.get().configuration().getDouble("x") * j.get().configuration().getDouble("x")));
        }
        if (o.isFinished()) {
            assertTrue(o.ask().isEmpty(), "a finished optimizer hands out nothing");
        } else {
            assertEquals(120, handedOut, name + " waits with nothing outstanding");
        }
    }

    @Test
    void theRegistryNamesTheBuiltInOptimizersAndRejectsUnknownOnes() {
        assertTrue(Optimizers.names().containsAll(List.of("random", "successive-halving", "hyperband", "bohb")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("bohbb", SPACE, SETTINGS));
        assertTrue(e.getMessage().contains("bohbb") && e.getMessage().contains("hyperband"), e.getMessage());
    }
}
