package org.hpo4j.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class EncodingTest {
    enum Activation { RELU, TANH, GELU }

    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(CategoricalParameter.of("optimizer", List.of("sgd", "adam")))
            .add(FloatParameter.logUniform("lr", 1e-5, 1))
            .add(FloatParameter.uniform("momentum", 0, 0.99).when(Condition.equalTo("optimizer", "sgd")))
            .add(IntParameter.logUniform("width", 16, 1024))
            .add(IntParameter.uniform("layers", 1, 5))
            .add(CategoricalParameter.ofEnum("activation", Activation.class))
            .add(CategoricalParameter.ofBoolean("bias"))
            .add(CategoricalParameter.of("batch", List.of(32, 64, 128)))
            .build();

    @Test
    void logFloatsRoundTripAndMapDecadesEvenly() {
        FloatParameter lr = FloatParameter.logUniform("lr", 1e-5, 1);
        assertEquals(0.0, lr.toUnit(1e-5), 1e-12);
        assertEquals(0.8, lr.toUnit(0.1), 1e-12);
        assertEquals(0.2, lr.toUnit(1e-4), 1e-12);
        for (double v : new double[] {1e-5, 3.3e-5, 0.001, 0.25, 1}) {
            assertEquals(v, lr.fromUnit(lr.toUnit(v)), v * 1e-12);
        }
    }

    @Test
    void everyIntegerRoundTripsOnLinearAndLogScales() {
        for (IntParameter p : List.of(IntParameter.uniform("a", -3, 7), IntParameter.logUniform("b", 1, 300))) {
            double previous = -1;
            for (long k = p.lo(); k <= p.hi(); k++) {
                double u = p.toUnit(k);
                assertTrue(u > previous && u > 0 && u < 1, p.name() + " " + k + " -> " + u);
                assertEquals(k, p.fromUnit(u), p.name() + " " + k);
                previous = u;
            }
            assertEquals(p.lo(), p.fromUnit(0));
            assertEquals(p.hi(), p.fromUnit(1));
        }
    }

    @Test
    void linearIntegerCellsHaveEqualWidth() {
        IntParameter p = IntParameter.uniform("layers", 1, 5);
        // cell of k is [(k - 1) / 5, k / 5]
        assertEquals(1L, p.fromUnit(0.199));
        assertEquals(2L, p.fromUnit(0.201));
        assertEquals(5L, p.fromUnit(0.801));
        assertEquals(0.5, p.toUnit(3L), 1e-12);
    }

    @Test
    void categoricalsEncodeAsCellsOfEqualWidthAndRoundTrip() {
        CategoricalParameter p = CategoricalParameter.ofEnum("activation", Activation.class);
        assertEquals(0.5, p.toUnit(Activation.TANH), 1e-12);
        for (Activation a : Activation.values()) {
            assertEquals(a, p.fromUnit(p.toUnit(a)));
        }
        CategoricalParameter batch = CategoricalParameter.of("batch", List.of(32, 64, 128));
        assertEquals(64L, batch.fromUnit(batch.toUnit(64)));
    }

    @Test
    void sampledConfigurationsRoundTripThroughTheEncoding() {
        RandomGenerator random = new MersenneTwister(11);
        for (int i = 0; i < 2_000; i++) {
            Configuration c = SPACE.sample(random::nextDouble);
            double[] x = SPACE.encode(c);
            Configuration back = SPACE.decode(x);
            assertEquals(c.names(), back.names());
            for (String name : c.names()) {
                Object v = c.get(name);
                if (v instanceof Double d) {
                    assertEquals(d, back.getDouble(name), Math.abs(d) * 1e-12 + 1e-15, name);
                } else {
                    assertEquals(v, back.get(name), name);
                }
            }
            for (double xi : x) {
                assertTrue(Double.isNaN(xi) || (xi >= 0 && xi <= 1));
            }
        }
    }

    @Test
    void inactiveParametersEncodeAsNaNAndActiveNaNsDecodeToDefaults() {
        Configuration adam = SPACE.complete(Map.of("optimizer", "adam"));
        assertFalse(adam.isActive("momentum"));
        double[] x = SPACE.encode(adam);
        assertTrue(Double.isNaN(x[SPACE.indexOf("momentum")]));
        // the same point with the parent switched to sgd: momentum turns active and takes its default
        x[SPACE.indexOf("optimizer")] = 0.25;
        Configuration sgd = SPACE.decode(x);
        assertEquals("sgd", sgd.getString("optimizer"));
        assertEquals(0.495, sgd.getDouble("momentum"), 1e-12);
        // and a value at an inactive coordinate is ignored
        double[] y = SPACE.encode(sgd);
        y[SPACE.indexOf("optimizer")] = 0.75;
        assertFalse(SPACE.decode(y).isActive("momentum"));
    }
}
