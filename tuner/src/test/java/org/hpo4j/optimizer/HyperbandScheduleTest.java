package org.hpo4j.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HyperbandScheduleTest {

    private static void assertBracket(HyperbandSchedule h, int s, int[] sizes, double[] budgets) {
        assertArrayEquals(sizes, h.rungSizes(s), "sizes of bracket " + s);
        assertArrayEquals(budgets, h.rungBudgets(s), 1e-12, "budgets of bracket " + s);
    }

    @Test
    void liScheduleFor1To81Eta3() {
        HyperbandSchedule h = HyperbandSchedule.of(1, 81, 3, HyperbandSchedule.Sizing.LI);
        assertEquals(4, h.sMax());
        assertBracket(h, 4, new int[] {81, 27, 9, 3, 1}, new double[] {1, 3, 9, 27, 81});
        assertBracket(h, 3, new int[] {34, 11, 3, 1}, new double[] {3, 9, 27, 81});
        assertBracket(h, 2, new int[] {15, 5, 1}, new double[] {9, 27, 81});
        assertBracket(h, 1, new int[] {8, 2}, new double[] {27, 81});
        assertBracket(h, 0, new int[] {5}, new double[] {81});
    }

    @Test
    void liScheduleFor1To100Eta3() {
        HyperbandSchedule h = HyperbandSchedule.of(1, 100, 3, HyperbandSchedule.Sizing.LI);
        assertEquals(4, h.sMax());
        assertBracket(h, 4, new int[] {81, 27, 9, 3, 1}, new double[] {100.0 / 81, 100.0 / 27, 100.0 / 9, 100.0 / 3, 100});
        assertBracket(h, 3, new int[] {34, 11, 3, 1}, new double[] {100.0 / 27, 100.0 / 9, 100.0 / 3, 100});
        assertBracket(h, 2, new int[] {15, 5, 1}, new double[] {100.0 / 9, 100.0 / 3, 100});
        assertBracket(h, 1, new int[] {8, 2}, new double[] {100.0 / 3, 100});
        assertBracket(h, 0, new int[] {5}, new double[] {100});
        // the top budget is exact, not a product of powers
        assertEquals(100.0, h.rungBudgets(4)[4]);
    }

    @Test
    void hpBandSterSizingFor1To81Eta3() {
        HyperbandSchedule h = HyperbandSchedule.of(1, 81, 3, HyperbandSchedule.Sizing.HPBANDSTER);
        assertArrayEquals(new int[] {81, 27, 9, 3, 1}, h.rungSizes(4));
        assertArrayEquals(new int[] {27, 9, 3, 1}, h.rungSizes(3));
        assertArrayEquals(new int[] {9, 3, 1}, h.rungSizes(2));
        assertArrayEquals(new int[] {6, 2}, h.rungSizes(1));
        assertArrayEquals(new int[] {5}, h.rungSizes(0));
    }

    @Test
    void sMaxSurvivesFloatingPointTraps() {
        // 0.1 * 3^4 = 8.100000000000001 > 8.1 in floating point
        assertEquals(4, HyperbandSchedule.of(0.1, 8.1, 3, HyperbandSchedule.Sizing.LI).sMax());
        // 729 * exp(-4 ln 3) = 8.999999999999996
        assertEquals(4, HyperbandSchedule.of(729 * Math.exp(-4 * Math.log(3)), 729, 3, HyperbandSchedule.Sizing.LI).sMax());
        assertEquals(10, HyperbandSchedule.of(1, 1024, 2, HyperbandSchedule.Sizing.LI).sMax());
        assertEquals(0, HyperbandSchedule.of(1, 2.9, 3, HyperbandSchedule.Sizing.LI).sMax());
        assertEquals(5, HyperbandSchedule.of(1, 242.9, 3, HyperbandSchedule.Sizing.LI).sMax() + 1);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> HyperbandSchedule.of(0, 81, 3, HyperbandSchedule.Sizing.LI));
        assertThrows(IllegalArgumentException.class, () -> HyperbandSchedule.of(81, 81, 3, HyperbandSchedule.Sizing.LI));
        assertThrows(IllegalArgumentException.class, () -> HyperbandSchedule.of(1, 81, 1.5, HyperbandSchedule.Sizing.LI));
        assertThrows(IllegalArgumentException.class, () -> HyperbandSchedule.of(1, 81, 3, HyperbandSchedule.Sizing.LI).rungSizes(5));
    }
}
