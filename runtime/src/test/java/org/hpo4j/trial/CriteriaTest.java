package org.hpo4j.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hpo4j.annotations.Direction;
import org.junit.jupiter.api.Test;

class CriteriaTest {
    private final Criteria criteria = new Criteria(
            List.of(new Goal("error", Direction.MINIMIZE), new Goal("accuracy", Direction.MAXIMIZE)),
            List.of(new Constraint("latencyMs", Constraint.Kind.AT_MOST, 20), new Constraint("recall", Constraint.Kind.AT_LEAST, 0.5)));

    @Test
    void maximizedObjectivesAreNegatedForOptimizers() {
        assertArrayEquals(new double[] {0.1, -0.9}, criteria.minimized(new Score(List.of(0.1, 0.9), List.of(10.0, 0.6))));
    }

    @Test
    void violationIsRelativeToTheBoundAndAddsUp() {
        assertEquals(0, criteria.violation(new Score(List.of(0.1, 0.9), List.of(20.0, 0.5))));
        // 30 ms is half the bound of 20 too much; recall 0.3 misses 0.5 by 0.2 (bounds below 1 count as 1)
        assertEquals(0.5 + 0.2, criteria.violation(new Score(List.of(0.1, 0.9), List.of(30.0, 0.3))), 1e-12);
        assertEquals(List.of(criteria.constraints().get(0)), criteria.violated(new Score(List.of(0.1, 0.9), List.of(30.0, 0.6))));
        assertEquals(Double.POSITIVE_INFINITY, criteria.constraints().get(0).violation(Double.NaN));
    }

    @Test
    void constraintsReadAsWritten() {
        assertEquals("latencyMs <= 20", criteria.constraints().get(0).toString());
        assertEquals("recall >= 0.5", criteria.constraints().get(1).toString());
    }

    @Test
    void scoreOfTheWrongShapeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> criteria.violation(Score.of(1)));
        assertEquals(true, e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void namesAreUnique() {
        assertThrows(IllegalArgumentException.class, () -> new Criteria(
                List.of(new Goal("a", Direction.MINIMIZE), new Goal("a", Direction.MAXIMIZE)), List.of()));
    }
}
