package org.hpo4j.space;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ValidationTest {

    private static void assertRejectedNaming(String name, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains("'" + name + "'"), "message should name '" + name + "': " + e.getMessage());
    }

    @Test
    void loMustBeBelowHi() {
        assertRejectedNaming("dropout", () -> FloatParameter.uniform("dropout", 0.5, 0.5));
        assertRejectedNaming("dropout", () -> FloatParameter.uniform("dropout", 0.8, 0.1));
        assertRejectedNaming("layers", () -> IntParameter.uniform("layers", 5, 1));
    }

    @Test
    void logScalesNeedPositiveBounds() {
        assertRejectedNaming("lr", () -> FloatParameter.logUniform("lr", 0, 1));
        assertRejectedNaming("lr", () -> FloatParameter.logUniform("lr", -1, 1));
        assertRejectedNaming("width", () -> IntParameter.logUniform("width", 0, 1024));
    }

    @Test
    void defaultsMustBeInRange() {
        assertRejectedNaming("lr", () -> FloatParameter.logUniform("lr", 1e-5, 1).withDefault(2));
        assertRejectedNaming("layers", () -> IntParameter.uniform("layers", 1, 5).withDefault(0));
        assertRejectedNaming("opt", () -> CategoricalParameter.of("opt", List.of("sgd", "adam")).withDefault("lbfgs"));
    }

    @Test
    void conditionsOnUnknownParametersAreRejected() {
        assertRejectedNaming("momentum", () -> SearchSpace.builder()
                .add(FloatParameter.uniform("momentum", 0, 1).when(Condition.equalTo("optimiser", "sgd")))
                .build());
    }

    @Test
    void conditionValuesMustBeValuesOfTheParent() {
        assertRejectedNaming("momentum", () -> SearchSpace.builder()
                .add(CategoricalParameter.of("optimizer", List.of("sgd", "adam")))
                .add(FloatParameter.uniform("momentum", 0, 1).when(Condition.equalTo("optimizer", "sdg")))
                .build());
        assertRejectedNaming("momentum", () -> SearchSpace.builder()
                .add(CategoricalParameter.of("optimizer", List.of("sgd", "adam")))
                .add(FloatParameter.uniform("momentum", 0, 1).when(Condition.atLeast("optimizer", 1)))
                .build());
    }

    @Test
    void cyclesAreRejectedNamingAParameterOnTheCycle() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder()
                .add(FloatParameter.uniform("a", 0, 1).when(Condition.atLeast("c", 0.5)))
                .add(FloatParameter.uniform("b", 0, 1).when(Condition.atLeast("a", 0.5)))
                .add(FloatParameter.uniform("c", 0, 1).when(Condition.atLeast("b", 0.5)))
                .build());
        assertTrue(e.getMessage().contains("cycle") && e.getMessage().matches("(?s).*'[abc]'.*"), e.getMessage());
        assertRejectedNaming("self", () -> SearchSpace.builder()
                .add(FloatParameter.uniform("self", 0, 1).when(Condition.atLeast("self", 0.5)))
                .build());
    }

    @Test
    void duplicateNamesAndBadNamesAreRejected() {
        assertRejectedNaming("lr", () -> SearchSpace.builder()
                .add(FloatParameter.uniform("lr", 0, 1)).add(FloatParameter.uniform("lr", 0, 2)));
        assertRejectedNaming("learning rate", () -> FloatParameter.uniform("learning rate", 0, 1));
        assertRejectedNaming("epochs", () -> SearchSpace.builder()
                .add(IntParameter.uniform("epochs", 1, 5)).budget("epochs", 1, 81, true).build());
    }

    @Test
    void unknownNamesInConfigurationsAreNamed() {
        SearchSpace space = SearchSpace.builder().add(FloatParameter.uniform("lr", 0, 1)).build();
        assertRejectedNaming("lrr", () -> space.configuration(java.util.Map.of("lrr", 0.1)));
        assertRejectedNaming("lr", () -> space.configuration(java.util.Map.of("lr", 3)));
    }
}
