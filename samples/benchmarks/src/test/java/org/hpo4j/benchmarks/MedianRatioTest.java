package org.hpo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MedianRatioTest {

    @Test
    void bootstrapIntervalOfAMedianRatioSeparatesOnlyWhatDiffers() {
        SplittableRandom random = new SplittableRandom(5);
        double[] a = new double[200];
        double[] same = new double[200];
        double[] doubled = new double[200];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextDouble();
            same[i] = random.nextDouble();
            doubled[i] = 2 * random.nextDouble();
        }
        double[] tied = MedianRatio.bootstrapInterval(a, same, 1000, 0.95, new SplittableRandom(1));
        assertTrue(tied[0] < 1 && tied[1] > 1, tied[0] + ", " + tied[1]);
        double[] apart = MedianRatio.bootstrapInterval(a, doubled, 1000, 0.95, new SplittableRandom(1));
        assertTrue(apart[0] > 0.35 && apart[1] < 0.7, apart[0] + ", " + apart[1]);
    }

    @Test
    void quantilesInterpolateAndRankMissingValuesLast() {
        assertEquals(2.5, MedianRatio.quantile(new double[] {4, 1, 3, 2}, 0.5), 1e-12);
        assertEquals(1.75, MedianRatio.quantile(new double[] {4, 1, 3, 2}, 0.25), 1e-12);
        assertEquals(2, MedianRatio.quantile(new double[] {Double.NaN, 1, 2}, 0.5), 1e-12);
    }
}
