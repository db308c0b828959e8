package org.hpo4j.optimizer.gp;

import java.util.ArrayList;
import java.util.List;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.PriorObservation;
import org.hpo4j.space.SearchSpace;

/**
 * Measures {@link RungReliability} for an optimizer that has no Gaussian process over budgets of
 * its own (ParEGO): a GP over (configuration, budget level) as {@link HyperGp}'s joint one, whose
 * hyperparameters are fitted on the results of every level (at most
 * {@link HyperGpSettings#maxFitPoints()}, refitted when the results have grown by
 * {@link HyperGpSettings#refitGrowth()}), and with those hyperparameters a GP per level ranks the
 * reference level's configurations. The values are the caller's (for several objectives, one
 * objective or one scalarisation of them); the state is the hyperparameters, so measurements are
 * a function of the results measured before.
 */
public final class ReliabilityGp {
    private final SearchSpace space;
    private final BudgetLevels levels;
    private final HyperGpSettings settings = HyperGpSettings.defaults();
    private final WindowedGp gp;
    private int lastFit;

    /** For configurations of {@code space} evaluated at the rung budgets of {@code schedule}'s most aggressive bracket. */
    public ReliabilityGp(SearchSpace space, HyperbandSchedule schedule) {
        this.space = space;
        this.levels = new BudgetLevels(space, schedule);
        this.gp = new WindowedGp(levels.group(), levels.groups(), settings, false);
    }

    /**
     * The reliability of each budget level, smallest budget first, from the study's own successful
     * results (each at the level nearest its budget on a log scale, values to minimize);
     * {@link RungReliability#PRIOR_RELIABILITY} where not measurable yet, 1 for the full budget.
     */
    public double[] measure(List<PriorObservation> results) {
        List<List<ModelPoint>> byLevel = new ArrayList<>();
        for (int k = 0; k <= levels.top; k++) {
            byLevel.add(new ArrayList<>());
        }
        List<ModelPoint> all = new ArrayList<>();
        for (PriorObservation o : results) {
            double[] unit = space.encode(o.configuration());
            int level = levels.level(o.budget());
            ModelPoint p = new ModelPoint(unit, levels.input(unit, level), level, o.value(), 0);
            byLevel.get(level).add(p);
            all.add(p);
        }
        int n = all.size();
        if (settings.refitDue(n, lastFit)) {
            gp.refit(all, n);
            lastFit = n;
        }
        return RungReliability.measure(byLevel, points -> gp.factor(points, gp.theta()), levels::input);
    }
}
