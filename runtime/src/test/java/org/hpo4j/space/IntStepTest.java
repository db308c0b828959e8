package org.hpo4j.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Integer parameters with a step: values {@code lo + k * step} only, everywhere. */
class IntStepTest {
    private static final IntParameter BATCH = IntParameter.uniform("batch", 16, 256, 16);

    private static String rejected(Executable build, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message should contain '" + part + "': " + e.getMessage());
        }
        return e.getMessage();
    }

    @Test
    void badStepsAreRejectedNamingTheParameterLoHiAndStep() {
        rejected(() -> IntParameter.uniform("batch", 16, 256, 0), "'batch'", "step must be at least 1, got 0");
        rejected(() -> IntParameter.uniform("batch", 16, 256, -16), "'batch'", "-16");
        rejected(() -> IntParameter.uniform("batch", 16, 250, 16), "'batch'", "lo 16", "hi 250", "step 16",
                "hi - lo (234) is not a multiple of the step", "make hi 240 or 256");
        rejected(() -> new IntParameter("width", 16, 256, true, 16, null, List.of()), "'width'", "lo 16", "hi 256",
                "step 16", "a log scale takes no step");
        rejected(() -> new IntParameter("batch", Long.MIN_VALUE, Long.MAX_VALUE, false, 2, null, List.of()), "'batch'",
                "does not fit a long");
    }

    @Test
    void defaultsAreOnTheGrid() {
        assertEquals(128L, BATCH.defaultValue(), "the grid value at the middle");
        assertEquals(15L, IntParameter.uniform("n", 0, 30, 3).defaultValue(), "index 5 of 0..10");
        assertEquals(12L, IntParameter.uniform("n", 0, 27, 3).defaultValue(), "index 4 of 0..9: the middle rounded down");
        assertEquals(48L, BATCH.withDefault(48).defaultValue());
        rejected(() -> BATCH.withDefault(40), "'batch'", "default 40 is not on the grid 16, 32, ..., 256");
        rejected(() -> BATCH.withDefault(272), "'batch'", "outside");
    }

    @Test
    void everyGridValueRoundTripsAndHasAnEqualCell() {
        List<Long> grid = List.of(16L, 32L, 48L, 64L, 80L, 96L, 112L, 128L, 144L, 160L, 176L, 192L, 208L, 224L, 240L, 256L);
        double previous = 0;
        for (int k = 0; k < grid.size(); k++) {
            long v = grid.get(k);
            double u = BATCH.toUnit(v);
            assertEquals((k + 0.5) / 16, u, 1e-12, "centre of cell " + k);
            assertTrue(u > previous);
            assertEquals(v, BATCH.fromUnit(u));
            // the cell's edges: [k / 16, (k + 1) / 16)
            assertEquals(v, BATCH.fromUnit(k / 16.0 + 1e-9));
            assertEquals(v, BATCH.fromUnit((k + 1) / 16.0 - 1e-9));
            previous = u;
        }
        assertEquals(16L, BATCH.fromUnit(0));
        assertEquals(256L, BATCH.fromUnit(1));
        assertEquals(16L, BATCH.fromUnit(-3));
        assertEquals(256L, BATCH.fromUnit(7));
        for (int i = 0; i <= 10_000; i++) {
            long v = BATCH.fromUnit(i / 10_000.0);
            assertTrue(BATCH.contains(v), () -> v + " is off the grid");
        }
    }

    @Test
    void samplesCoverTheGridEvenlyAndNothingElse() {
        SearchSpace space = SearchSpace.builder().add(BATCH).build();
        MersenneTwister random = new MersenneTwister(5);
        int[] counts = new int[16];
        int n = 32_000;
        for (int i = 0; i < n; i++) {
            long v = space.sample(random::nextDouble).getLong("batch");
            assertEquals(0, (v - 16) % 16, () -> v + " is off the grid");
            counts[(int) ((v - 16) / 16)]++;
        }
        for (int c : counts) {
            // 2000 expected per value; 5 standard deviations is about 216
            assertTrue(Math.abs(c - n / 16) < 250, () -> java.util.Arrays.toString(counts));
        }
    }

    @Test
    void valuesOffTheGridAreRejectedLikeValuesOutOfRange() {
        assertEquals(48L, BATCH.coerce("48"));
        assertEquals(48L, BATCH.coerce(48));
        assertEquals(48L, BATCH.coerce(48.0));
        assertTrue(BATCH.contains(48L));
        assertFalse(BATCH.contains(40L));
        assertFalse(BATCH.contains(0L));
        rejected(() -> BATCH.coerce("40"), "'batch'", "40 is not on the grid 16, 32, ..., 256",
                "integers [16, 256] step 16", "nearest values are 32 and 48");
        rejected(() -> BATCH.coerce(272L), "'batch'", "outside integers [16, 256] step 16");
        SearchSpace space = SearchSpace.builder().add(BATCH).build();
        rejected(() -> space.configuration(Map.of("batch", 40L)), "'batch'", "40");
    }

    @Test
    void conditionsOnAGridMustNameGridValues() {
        rejected(() -> SearchSpace.builder().add(BATCH)
                .add(FloatParameter.uniform("dropout", 0, 0.5).when(Condition.equalTo("batch", 40L))).build(),
                "'dropout'", "'batch'", "40");
        SearchSpace fine = SearchSpace.builder().add(BATCH)
                .add(FloatParameter.uniform("dropout", 0, 0.5).when(Condition.equalTo("batch", 48L))).build();
        assertEquals(16, ((IntParameter) fine.parameter("batch")).step(), "conditions keep the step");
    }

    @Test
    void theDomainShowsTheStepAndAStepOfOneChangesNothing() {
        assertEquals("integers [16, 256] step 16", BATCH.describeDomain());
        assertEquals("integers [1, 5]", IntParameter.uniform("layers", 1, 5).describeDomain());
        assertEquals("integers [16, 512] (log)", IntParameter.logUniform("width", 16, 512).describeDomain());
        assertEquals(IntParameter.uniform("layers", 1, 5), new IntParameter("layers", 1, 5, false, null, List.of()));
        assertEquals(IntParameter.uniform("layers", 1, 5), IntParameter.uniform("layers", 1, 5, 1));
    }
}
