package org.hpo4j.benchmarks.multiobjective;

import java.util.ArrayList;
import java.util.List;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.space.Configuration;

/**
 * The incumbent front (the lcbench README's rule, HpBandSter's incumbent rule for several
 * objectives): among the evaluations at the highest budget reached so far, those that no other
 * dominates by their observed objectives. The first evaluation at a new, higher budget is the whole
 * front whatever its objectives; of evaluations with equal objectives the first is kept.
 */
public final class IncumbentFront {
    /** Budgets closer than this (relative) are the same rung, whatever rounding produced them. */
    private static final double SAME_BUDGET = 1e-9;

    private double budget;
    private final List<Member> members = new ArrayList<>();

    /** One configuration of the front with its observed objectives. */
    public record Member(Configuration configuration, double[] observed) {
    }

    /** Takes one finished evaluation at {@code evaluatedBudget} into account. */
    public void offer(Configuration configuration, double evaluatedBudget, double[] observed) {
        if (members.isEmpty() || evaluatedBudget > budget * (1 + SAME_BUDGET)) {
            budget = evaluatedBudget;
            members.clear();
            members.add(new Member(configuration, observed.clone()));
            return;
        }
        if (evaluatedBudget < budget * (1 - SAME_BUDGET)) {
            return;
        }
        for (Member m : members) {
            if (Pareto.dominates(m.observed, observed) || java.util.Arrays.equals(m.observed, observed)) {
                return;
            }
        }
        members.removeIf(m -> Pareto.dominates(observed, m.observed));
        members.add(new Member(configuration, observed.clone()));
    }

    /** The front, in the order its members arrived; empty before the first evaluation. */
    public List<Member> members() {
        return List.copyOf(members);
    }

    /** The budget of the front's rung (0 before the first evaluation). */
    public double budget() {
        return budget;
    }

    /** The normalised hypervolume of the front's true objectives on {@code problem}; 0 while empty. */
    public double hypervolume(MultiObjectiveProblem problem) {
        List<double[]> truth = new ArrayList<>(members.size());
        for (Member m : members) {
            truth.add(problem.trueObjectives(m.configuration));
        }
        return problem.hypervolume(truth);
    }
}
