package org.hpo4j.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.hpo4j.annotations.Direction;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading values of an integer with a step: grid values go in, others are errors naming file, key and value. */
class SteppedValuesTest {
    /** {@link TunableNetInjector} with {@code hidden} on the grid 16, 32, ..., 512. */
    private static final class SteppedNetInjector implements Injector<TunableNet> {
        static final SearchSpace SPACE = SearchSpace.builder()
                .add(FloatParameter.logUniform("learningRate", 1e-4, 1).withDefault(0.01))
                .add(IntParameter.uniform("hidden", 16, 512, 16).withDefault(64))
                .add(CategoricalParameter.of("optimizer", java.util.List.of("sgd", "momentum", "adam")).withDefault("adam"))
                .add(FloatParameter.uniform("momentum", 0.5, 0.99).withDefault(0.9).when(Condition.equalTo("optimizer", "momentum")))
                .build();
        private final TunableNetInjector plain = new TunableNetInjector();

        @Override
        public Class<TunableNet> type() {
            return TunableNet.class;
        }

        @Override
        public SearchSpace space() {
            return SPACE;
        }

        @Override
        public void apply(TunableNet target, Configuration configuration) {
            plain.apply(target, configuration);
        }

        @Override
        public Configuration read(TunableNet source) {
            return SPACE.configuration(plain.read(source).asMap());
        }

        @Override
        public void applyBudget(TunableNet target, double budget) {
        }

        @Override
        public boolean hasObjective() {
            return false;
        }

        @Override
        public Direction direction() {
            return Direction.MINIMIZE;
        }

        @Override
        public double evaluate(TunableNet target, TrialContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String studyName() {
            return "SteppedNet";
        }
    }

    private final SteppedNetInjector injector = new SteppedNetInjector();

    @Test
    void aGridValueFromAFileIsApplied(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tuned.properties");
        Files.writeString(file, "hidden=96\n");
        TunableNet net = Hpo.apply(new TunableNet(), injector, TunedProperties.read(file), file.toString(), new Properties());
        assertEquals(96, net.hidden);
    }

    @Test
    void aValueOffTheGridInAFileNamesTheFileKeyValueAndGrid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tuned.properties");
        Files.writeString(file, "learningRate=0.1\nhidden=100\n");
        TunableNet net = new TunableNet();
        HpoConfigurationException e = assertThrows(HpoConfigurationException.class,
                () -> Hpo.apply(net, injector, TunedProperties.read(file), file.toString(), new Properties()));
        assertEquals(file.toString(), e.source());
        assertEquals("hidden", e.key());
        assertEquals("100", e.value());
        assertTrue(e.getMessage().startsWith(file + ": hidden = 100: "), e.getMessage());
        assertTrue(e.getMessage().contains("integers [16, 512] step 16")
                && e.getMessage().contains("not on the grid 16, 32, ..., 512")
                && e.getMessage().contains("nearest values are 96 and 112"), e.getMessage());
        assertEquals(0.01, net.learningRate, "nothing is applied when a value is bad");
    }

    @Test
    void aValueOffTheGridInASystemPropertyNamesTheProperty() {
        Properties system = new Properties();
        system.setProperty("hpo.TunableNet.hidden", "20");
        HpoConfigurationException e = assertThrows(HpoConfigurationException.class,
                () -> Hpo.apply(new TunableNet(), injector, Map.of(), "tuned.properties", system));
        assertEquals("system property hpo.TunableNet.hidden", e.source());
        assertTrue(e.getMessage().contains("hidden = 20") && e.getMessage().contains("step 16"), e.getMessage());
    }

    @Test
    void writtenFilesHoldGridValuesThatReadBack() {
        Configuration best = SteppedNetInjector.SPACE.configuration(Map.of("learningRate", 0.02, "hidden", 128L, "optimizer", "adam"));
        String text = TunedProperties.format(SteppedNetInjector.SPACE, best, new TunedProperties.Provenance(
                "org.hpo4j.inject.TunableNet", "s", 0.5, Direction.MINIMIZE, 1, null, "tpe", 1, 10, null));
        assertTrue(text.contains("\nhidden=128\n"), text);
        TunableNet net = Hpo.apply(new TunableNet(), injector, TunedProperties.parse(text, "f"), "f", new Properties());
        assertEquals(128, net.hidden);
    }
}
