package org.hpo4j.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private static final SearchSpace SPACE = SearchSpace.builder()
            // children before parents on purpose: the builder orders them
            .add(CategoricalParameter.ofBoolean("nesterov").when(Condition.greaterThan("momentum", 0.5)))
            .add(FloatParameter.uniform("momentum", 0, 0.99).when(Condition.equalTo("optimizer", "sgd")))
            .add(FloatParameter.uniform("beta2", 0.9, 0.9999).when(Condition.in("optimizer", "adam", "adamw")))
            .add(CategoricalParameter.of("optimizer", List.of("sgd", "adam", "adamw", "rmsprop")))
            .add(IntParameter.uniform("layers", 1, 4))
            .add(FloatParameter.uniform("init2", 0, 1).when(Condition.atLeast("layers", 2)))
            .add(FloatParameter.uniform("init4", 0, 1).when(Condition.atLeast("layers", 4)))
            .add(FloatParameter.uniform("shallowOnly", 0, 1).when(Condition.lessThan("layers", 2)))
            .add(FloatParameter.uniform("upToThree", 0, 1).when(Condition.atMost("layers", 3)))
            .add(FloatParameter.uniform("both", 0, 1)
                    .when(Condition.equalTo("optimizer", "sgd")).when(Condition.atLeast("layers", 3)))
            .build();

    private static Configuration complete(Object... keyValues) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return SPACE.complete(m);
    }

    @Test
    void parentsComeBeforeChildren() {
        List<String> order = SPACE.parameters().stream().map(Parameter::name).toList();
        assertTrue(order.indexOf("optimizer") < order.indexOf("momentum"));
        assertTrue(order.indexOf("momentum") < order.indexOf("nesterov"));
        assertTrue(order.indexOf("layers") < order.indexOf("init4"));
    }

    @Test
    void equalityAndMembership() {
        assertTrue(complete("optimizer", "sgd").isActive("momentum"));
        assertFalse(complete("optimizer", "adam").isActive("momentum"));
        assertTrue(complete("optimizer", "adam").isActive("beta2"));
        assertTrue(complete("optimizer", "adamw").isActive("beta2"));
        assertFalse(complete("optimizer", "rmsprop").isActive("beta2"));
    }

    @Test
    void numericComparisonsAtTheirBoundaries() {
        assertFalse(complete("layers", 1).isActive("init2"));
        assertTrue(complete("layers", 2).isActive("init2"));
        assertFalse(complete("layers", 3).isActive("init4"));
        assertTrue(complete("layers", 4).isActive("init4"));
        assertTrue(complete("layers", 1).isActive("shallowOnly"));
        assertFalse(complete("layers", 2).isActive("shallowOnly"));
        assertTrue(complete("layers", 3).isActive("upToThree"));
        assertFalse(complete("layers", 4).isActive("upToThree"));
        assertFalse(complete("optimizer", "sgd", "momentum", 0.5).isActive("nesterov"), "> is strict");
        assertTrue(complete("optimizer", "sgd", "momentum", 0.51).isActive("nesterov"));
    }

    @Test
    void conjunctionsNeedEveryCondition() {
        assertTrue(complete("optimizer", "sgd", "layers", 3).isActive("both"));
        assertFalse(complete("optimizer", "sgd", "layers", 2).isActive("both"));
        assertFalse(complete("optimizer", "adam", "layers", 4).isActive("both"));
    }

    @Test
    void grandchildrenFollowTheirParentsActivity() {
        // momentum's default 0.495 is not > 0.5; with 0.9 nesterov turns on, but only under sgd
        assertTrue(complete("optimizer", "sgd", "momentum", 0.9).isActive("nesterov"));
        Configuration adam = complete("optimizer", "adam", "momentum", 0.9);
        assertFalse(adam.isActive("momentum"));
        assertFalse(adam.isActive("nesterov"));
        RandomGenerator random = new MersenneTwister(5);
        for (int i = 0; i < 1_000; i++) {
            Configuration c = SPACE.sample(random::nextDouble);
            boolean sgd = c.getString("optimizer").equals("sgd");
            assertEquals(sgd, c.isActive("momentum"));
            assertEquals(sgd && c.getDouble("momentum") > 0.5, c.isActive("nesterov"));
            assertEquals(c.getLong("layers") >= 2, c.isActive("init2"));
        }
    }

    @Test
    void explicitConfigurationsMustRespectActivity() {
        IllegalArgumentException inactive = assertThrows(IllegalArgumentException.class,
                () -> SPACE.configuration(Map.of("optimizer", "adam", "beta2", 0.99, "layers", 1, "shallowOnly", 0.1,
                        "upToThree", 0.1, "momentum", 0.9)));
        assertTrue(inactive.getMessage().contains("'momentum'"), inactive.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SPACE.configuration(Map.of("optimizer", "sgd", "layers", 1, "shallowOnly", 0.1, "upToThree", 0.1)));
        assertTrue(missing.getMessage().contains("'momentum'"), missing.getMessage());
    }
}
