package org.hpo4j.optimizer.gp;

import java.util.Arrays;

/** Which points a GP keeps when it has too many: the best ones and an even spread of the rest. */
final class PointSubset {
    private PointSubset() {
    }

    /**
     * Indices (ascending) of at most {@code max} of the points {@code 0..n)}: the {@code best} with
     * the smallest values, then an even spread over the others in their order. All when
     * {@code n <= max}.
     */
    static int[] bestAndSpread(double[] values, int n, int max, int best) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= max) {
            return all;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        boolean[] taken = new boolean[n];
        for (int r = 0; r < best; r++) {
            taken[order[r]] = true;
        }
        int rest = max - best;
        int restAvailable = n - best;
        int seen = 0;
        int added = 0;
        for (int i = 0; i < n && added < rest; i++) {
            if (taken[i]) {
                continue;
            }
            // Bresenham-style spread: take the point when the running quota crosses an integer
            if ((long) (seen + 1) * rest / restAvailable > (long) seen * rest / restAvailable) {
                taken[i] = true;
                added++;
            }
            seen++;
        }
        int[] subset = new int[best + added];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (taken[i]) {
                subset[k++] = i;
            }
        }
        return subset;
    }
}
