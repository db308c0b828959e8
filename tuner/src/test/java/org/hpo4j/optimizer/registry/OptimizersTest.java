package org.hpo4j.optimizer.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

/**
 * What the registry promises about its optimizers. What every optimizer does is hpo4j-testkit's
 * {@code OptimizerContract}, which runs over each of them ({@code RegisteredOptimizersContractTest}).
 */
class OptimizersTest {
    static final SearchSpace SPACE = SearchSpace.builder().add(FloatParameter.uniform("x", -5, 5))
            .add(FloatParameter.logUniform("lr", 1e-5, 1)).build();
    private static final Fidelity FIDELITY = new Fidelity(1, 9);
    private static final long SEED = 17;

    @Test
    void theMultiObjectiveOptimizersSayTheyHandleSeveralObjectives() {
        for (String name : List.of("random", "nsga2", "mo-asha", "parego", "mo-gp")) {
            assertTrue(Optimizers.create(name, SPACE, FIDELITY, SEED).handlesSeveralObjectives(), name);
        }
        assertFalse(Optimizers.create("bohb", SPACE, FIDELITY, SEED).handlesSeveralObjectives());
        assertTrue(Optimizers.names().contains(Optimizers.MULTI_OBJECTIVE_DEFAULT));
    }

    @Test
    void anOptimizerWithoutBracketsRefusesEta() {
        for (String name : Optimizers.names()) {
            if (!Optimizers.bracketed().contains(name)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create(name,
                        SPACE, FIDELITY, SEED, HyperbandSettings.defaults()));
                assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("eta"), e.getMessage());
            }
        }
    }

    @Test
    void theRegistryNamesTheBuiltInOptimizersAndRejectsUnknownOnes() {
        assertTrue(Optimizers.names().containsAll(List.of("random", "successive-halving", "hyperband", "bohb")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("bohbb", SPACE, FIDELITY, SEED));
        assertTrue(e.getMessage().contains("bohbb") && e.getMessage().contains("hyperband"), e.getMessage());
    }
}
