package org.hpo4j.optimizer.gp;

import java.util.Arrays;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.space.SearchSpace;

/**
 * The budget levels of a Hyperband schedule (the rung budgets of its most aggressive bracket) as a
 * GP over (configuration, budget) sees them: {@link GpFeatures}' features of the configuration and
 * the level scaled to [0, 1], with a length-scale group of its own.
 */
final class BudgetLevels {
    private final GpFeatures features;
    private final double[] budgets;
    /** The full budget's level; levels are 0 (smallest budget) to {@code top}. */
    final int top;

    BudgetLevels(SearchSpace space, HyperbandSchedule schedule) {
        this.features = new GpFeatures(space);
        this.budgets = schedule.rungBudgets(schedule.sMax());
        this.top = budgets.length - 1;
    }

    /** The length-scale group of each input: the features' groups, then the level's. */
    int[] group() {
        int[] group = Arrays.copyOf(features.group, features.width + 1);
        group[features.width] = features.groups();
        return group;
    }

    /** The number of length-scale groups. */
    int groups() {
        return features.groups() + 1;
    }

    /** The level whose budget is nearest to {@code budget} on a log scale. */
    int level(double budget) {
        int best = 0;
        for (int k = 1; k <= top; k++) {
            if (Math.abs(Math.log(budget / budgets[k])) < Math.abs(Math.log(budget / budgets[best]))) {
                best = k;
            }
        }
        return best;
    }

    /** The GP input of a configuration's unit encoding at {@code level}. */
    double[] input(double[] unit, int level) {
        double[] f = Arrays.copyOf(features.of(unit), features.width + 1);
        f[features.width] = (double) level / top;
        return f;
    }
}
