package org.hpo4j.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.annotations.Direction;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunedPropertiesTest {
    private static final SearchSpace SPACE = TunableNetInjector.SPACE;

    private static TunedProperties.Provenance provenance(Instant date) {
        return new TunedProperties.Provenance("org.hpo4j.inject.TunableNet", "TunableNet", 0.0213, Direction.MINIMIZE,
                27, "epochs", "bohb", 42, 143, date);
    }

    private static Configuration config(String optimizer) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("learningRate", 0.0031622776601683794);
        v.put("hidden", 100L);
        v.put("optimizer", optimizer);
        if (optimizer.equals("momentum")) {
            v.put("momentum", 0.93);
        }
        return SPACE.configuration(v);
    }

    @Test
    void writesHeaderAndEveryActiveParameterInSpaceOrder() {
        String text = TunedProperties.format(SPACE, config("momentum"), provenance(Instant.parse("2026-11-27T15:30:12.345Z")));
        assertEquals("""
                # hpo4j: tuned hyperparameters of org.hpo4j.inject.TunableNet
                # study: TunableNet
                # objective: 0.0213 (minimize)
                # budget: 27 (epochs)
                # optimizer: bohb
                # seed: 42
                # evaluations: 143
                # date: 2026-11-27T15:30:12Z
                learningRate=0.0031622776601683794
                hidden=100
                optimizer=momentum
                momentum=0.93
                # the budget these values were tuned for: Hpo.load sets it (-Dhpo.keepBudget=true keeps the field's own value)
                epochs=27
                """, text);
    }

    @Test
    void inactiveParametersAreOmitted() {
        String text = TunedProperties.format(SPACE, config("adam"), provenance(null));
        assertFalse(text.contains("momentum="), text);
        assertFalse(text.contains("# date"), "no date given, no date line");
    }

    @Test
    void readingBackGivesTheSameConfigurationForRandomSamples() {
        MersenneTwister random = new MersenneTwister(7);
        for (int i = 0; i < 200; i++) {
            Configuration c = SPACE.sample(random::nextDouble);
            Map<String, String> read = TunedProperties.parse(TunedProperties.format(SPACE, c, provenance(Instant.now())), "x");
            assertEquals("27", read.remove("epochs"), "the budget, under the budget field's name");
            assertEquals(c, SPACE.configuration(read));
        }
    }

    @Test
    void withoutDateMakesRunsOfDifferentTimesEqual() {
        String a = TunedProperties.format(SPACE, config("sgd"), provenance(Instant.parse("2026-01-01T00:00:00Z")));
        String b = TunedProperties.format(SPACE, config("sgd"), provenance(Instant.parse("2026-06-01T10:00:00Z")));
        assertNotEquals(a, b);
        assertEquals(TunedProperties.withoutDate(a), TunedProperties.withoutDate(b));
        assertEquals(TunedProperties.format(SPACE, config("sgd"), provenance(null)), TunedProperties.withoutDate(a));
    }

    @Test
    void awkwardKeysAndValuesSurviveEscaping(@TempDir Path dir) throws Exception {
        SearchSpace space = SearchSpace.builder()
                .add(CategoricalParameter.of("mode", java.util.List.of("a b", "=x:y", "#c", "ü\\z")))
                .build();
        for (Object choice : ((CategoricalParameter) space.parameter("mode")).choices()) {
            Configuration c = space.configuration(Map.of("mode", choice));
            Path file = dir.resolve("m.properties");
            TunedProperties.write(file, space, c, provenance(null));
            Map<String, String> read = new java.util.TreeMap<>(TunedProperties.read(file));
            read.remove("epochs");
            assertEquals(c, space.configuration(read), "choice " + choice);
            assertTrue(Files.readString(file).chars().allMatch(ch -> ch < 0x80), "the file is ASCII");
        }
    }
}
