package org.hpo4j.tune;

import java.util.Set;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.registry.Optimizers;

/**
 * What a study is expected to spend, for the banner and the progress line: how many evaluations
 * and how much cost (in full evaluations: one at budget {@code b} costs {@code b / maxBudget}).
 * Hyperband's brackets fix both in advance; asynchronous variants promote as results come, so
 * theirs are estimates; optimizers without brackets spend the cost bound, one full evaluation at a
 * time.
 *
 * @param evaluations the expected number of evaluations, 0 when nothing bounds it in advance (a time
 *     limit alone)
 * @param approximate whether {@code evaluations} is an estimate rather than a count
 * @param cost the cost the study plans to spend, 0 when unknown; without checkpoints: a promotion
 *     that continues from one costs only what it adds, so the study may spend less
 */
record Outlook(int evaluations, boolean approximate, double cost) {
    private static final Set<String> SYNCHRONOUS = Set.of("hyperband", "bohb");
    private static final Set<String> ASYNCHRONOUS = Set.of("asha", "async-hyperband", "async-bohb", "hyper-gp");

    static Outlook of(Plan plan) {
        Fidelity f = plan.fidelity();
        int evaluations = 0;
        boolean approximate = false;
        double cost = 0;
        int iterations = plan.brackets().map(HyperbandSettings::maxIterations).orElse(0);
        if (iterations > 0) {
            HyperbandSchedule h = HyperbandSchedule.of(f, plan.brackets().get());
            int perIteration = 0;
            double costPerIteration = 0;
            boolean onlyLargest = plan.optimizer().equals("successive-halving");
            for (int b = onlyLargest ? h.sMax() : 0; b <= h.sMax(); b++) {
                int[] sizes = h.rungSizes(b);
                double[] budgets = h.rungBudgets(b);
                for (int i = 0; i < sizes.length; i++) {
                    perIteration += sizes[i];
                    costPerIteration += sizes[i] * budgets[i] / f.maxBudget();
                }
            }
            if (SYNCHRONOUS.contains(plan.optimizer()) || onlyLargest || ASYNCHRONOUS.contains(plan.optimizer())) {
                evaluations = perIteration * iterations;
                approximate = ASYNCHRONOUS.contains(plan.optimizer());
                cost = costPerIteration * iterations;
            }
        }
        if (cost == 0 && plan.maxCost() > 0) {
            cost = plan.maxCost();
        } else if (plan.maxCost() > 0) {
            cost = Math.min(cost, plan.maxCost());
        }
        if (evaluations == 0 && cost > 0 && !Optimizers.bracketed().contains(plan.optimizer())) {
            // every evaluation at the full budget costs 1
            evaluations = (int) Math.ceil(cost - 1e-9);
            approximate = true;
        }
        if (plan.maxEvaluations() > 0 && (evaluations == 0 || plan.maxEvaluations() < evaluations)) {
            evaluations = plan.maxEvaluations();
            approximate = false;
        }
        return new Outlook(evaluations, approximate, cost);
    }

    /** {@code 143}, or {@code ~60} for an estimate, or {@code ?}. */
    String evaluationsText() {
        return evaluations == 0 ? "?" : (approximate ? "~" : "") + evaluations;
    }
}
