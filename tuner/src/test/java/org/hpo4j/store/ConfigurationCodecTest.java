package org.hpo4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class ConfigurationCodecTest {
    enum Activation { RELU, TANH }

    static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.logUniform("lr", 1e-300, 1))
            .add(FloatParameter.uniform("dropout", -1, 1))
            .add(IntParameter.uniform("layers", Long.MIN_VALUE / 2, Long.MAX_VALUE / 2))
            .add(CategoricalParameter.of("optimizer", List.of("sgd", "mo\"men\ntum\\", "3")))
            .add(CategoricalParameter.ofEnum("activation", Activation.class))
            .add(CategoricalParameter.ofBoolean("bias"))
            .add(CategoricalParameter.of("decay", List.of(0.1, 1e-7, 0.30000000000000004)))
            .add(FloatParameter.uniform("momentum", 0.5, 0.99).when(Condition.equalTo("optimizer", "mo\"men\ntum\\")))
            .build();

    @Test
    void everySampledConfigurationRoundTripsExactly() {
        MersenneTwister random = new MersenneTwister(7);
        for (int i = 0; i < 2000; i++) {
            Configuration c = SPACE.sample(random::nextDouble);
            String json = ConfigurationCodec.encode(c);
            Configuration back = ConfigurationCodec.decode(SPACE, json);
            assertEquals(c, back, json);
            for (String name : c.names()) {
                Object v = c.get(name);
                if (v instanceof Double d) {
                    assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(back.getDouble(name)), name);
                }
                assertEquals(v.getClass(), back.get(name).getClass(), name);
            }
        }
    }

    @Test
    void writesReadableJson() {
        Configuration c = SPACE.configuration(Map.of("lr", 1e-4, "dropout", 0.0, "layers", 3L, "optimizer", "3",
                "activation", Activation.TANH, "bias", true, "decay", 0.1));
        assertEquals("{\"lr\":1.0E-4,\"dropout\":0.0,\"layers\":3,\"optimizer\":\"3\",\"activation\":\"TANH\","
                + "\"bias\":true,\"decay\":0.1}", ConfigurationCodec.encode(c));
    }

    @Test
    void badTextNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigurationCodec.parse("{\"lr\":0.1,"));
        assertTrue(e.getMessage().contains("unexpected end"), e.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> ConfigurationCodec.decode(SPACE, "{\"lr\":2.0}"));
        assertTrue(range.getMessage().contains("'lr'"), range.getMessage());
    }
}
