package org.hpo4j.optimizer.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.methodtest.Runs;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class GridSearchTest {
    private static final Fidelity SETTINGS_FIDELITY = new Fidelity(1, 9);
    private static final long SETTINGS_SEED = 42;

    private static List<Configuration> all(GridSearch g) {
        List<Configuration> out = new java.util.ArrayList<>();
        Optional<Job> j;
        while ((j = g.ask().jobToRun()).isPresent()) {
            out.add(j.get().configuration());
            assertEquals(9, j.get().budget());
            g.tell(j.get(), Result.of(1));
        }
        return out;
    }

    @Test
    void logParameterIsLogSpacedAndIntegersAreDeduplicated() {
        assertEquals(List.of(1e-4, 1e-3, 1e-2, 1e-1, 1.0),
                GridSearch.gridValues(FloatParameter.logUniform("lr", 1e-4, 1), 5).stream()
                        .map(v -> Double.parseDouble(String.format("%.6g", (Double) v))).toList());
        assertEquals(List.of(0.0, 2.5, 5.0, 7.5, 10.0),
                GridSearch.gridValues(FloatParameter.uniform("x", 0, 10), 5));
        assertEquals(List.of(1L, 2L, 3L), GridSearch.gridValues(IntParameter.uniform("n", 1, 3), 5));
        assertEquals(List.of(1L, 4L, 16L, 64L, 256L),
                GridSearch.gridValues(IntParameter.logUniform("n", 1, 256), 5));
    }

    @Test
    void steppedIntegersTakeEvenlySpacedGridValues() {
        assertEquals(List.of(16L, 32L, 48L), GridSearch.gridValues(IntParameter.uniform("batch", 16, 48, 16), 5),
                "a grid no larger than the points is taken whole");
        // indices 0, 3.75, 7.5, 11.25, 15 of 16..256 rounded: 0, 4, 8, 11, 15
        assertEquals(List.of(16L, 80L, 144L, 192L, 256L), GridSearch.gridValues(IntParameter.uniform("batch", 16, 256, 16), 5));
    }

    @Test
    void coversTheFullProductOnceThenFinishes() {
        SearchSpace space = SearchSpace.builder()
                .add(FloatParameter.uniform("x", 0, 1))
                .add(CategoricalParameter.of("c", List.of("a", "b")))
                .build();
        GridSearch g = new GridSearch(space, SETTINGS_FIDELITY, SETTINGS_SEED, new GridSettings(4, true));
        List<Configuration> configs = all(g);
        assertEquals(8, configs.size());
        assertEquals(8, new HashSet<>(configs).size());
        assertTrue(g.isFinished());
        assertTrue(g.ask().jobToRun().isEmpty());
    }

    @Test
    void conditionsDoNotMultiplyTheGrid() {
        SearchSpace space = Runs.conditional();
        for (boolean shuffle : new boolean[] {false, true}) {
            List<Configuration> configs = all(new GridSearch(space, SETTINGS_FIDELITY, SETTINGS_SEED, new GridSettings(3, shuffle)));
            // kind a: xa 3 x lr 3; kind b: xb 3 x nb 3 x lr 3; kind c: lr 3
            assertEquals(9 + 27 + 3, configs.size());
            assertEquals(configs.size(), new HashSet<>(configs).size());
            for (Configuration c : configs) {
                assertTrue(Runs.respectsConditions(space, c), c::toString);
            }
        }
    }

    @Test
    void naturalOrderVariesTheLastParameterFastest() {
        SearchSpace space = SearchSpace.builder()
                .add(IntParameter.uniform("a", 0, 1))
                .add(IntParameter.uniform("b", 0, 2))
                .build();
        List<Configuration> configs = all(new GridSearch(space, SETTINGS_FIDELITY, SETTINGS_SEED, new GridSettings(5, false)));
        assertEquals(List.of(0L, 0L, 0L, 1L, 1L, 1L), configs.stream().map(c -> c.get("a")).toList());
        assertEquals(List.of(0L, 1L, 2L, 0L, 1L, 2L), configs.stream().map(c -> c.get("b")).toList());
    }

    @Test
    void shuffleIsFixedBySeed() {
        SearchSpace space = Runs.box(3);
        List<Configuration> a = all(new GridSearch(space, SETTINGS_FIDELITY, SETTINGS_SEED, GridSettings.defaults()));
        List<Configuration> b = all(new GridSearch(space, SETTINGS_FIDELITY, SETTINGS_SEED, GridSettings.defaults()));
        List<Configuration> c = all(new GridSearch(space, SETTINGS_FIDELITY, 7, GridSettings.defaults()));
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(Set.copyOf(a), Set.copyOf(c));
        assertEquals(125, a.size());
    }

    @Test
    void failuresAndOutOfOrderResultsAreAccepted() {
        GridSearch g = new GridSearch(Runs.box(2), SETTINGS_FIDELITY, SETTINGS_SEED);
        Job first = g.ask().jobToRun().orElseThrow();
        Job second = g.ask().jobToRun().orElseThrow();
        g.tell(second, Result.failed("boom"));
        g.tell(first, Result.of(3));
        assertThrows(IllegalArgumentException.class, () -> g.tell(first, Result.of(3)));
        assertFalse(g.isFinished());
    }

    @Test
    void largeShuffledGridIsVisitedLazilyWithoutRepeats() {
        // 5^12 = 244 million points: the shuffle must not hold them in memory
        GridSearch g = new GridSearch(Runs.box(12), SETTINGS_FIDELITY, SETTINGS_SEED, new GridSettings(5, true));
        Set<Configuration> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            assertTrue(seen.add(g.ask().jobToRun().orElseThrow().configuration()), "repeated configuration at job " + i);
        }
        assertFalse(g.isFinished());
    }

    @Test
    void gridBeyondTwoToTheSixtyTwoIsRefusedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GridSearch(Runs.box(30), SETTINGS_FIDELITY, SETTINGS_SEED, new GridSettings(5, true)));
        assertTrue(e.getMessage().contains("pointsPerNumeric"), e.getMessage());
        // natural order is lazy, so the same grid works there
        GridSearch lazy = new GridSearch(Runs.box(30), SETTINGS_FIDELITY, SETTINGS_SEED, new GridSettings(5, false));
        assertTrue(lazy.ask().jobToRun().isPresent());
    }
}
