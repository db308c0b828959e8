package org.hpo4j.space;

/**
 * The fidelity of a search space: the field the optimizer sets per evaluation.
 *
 * @param name the field or key that receives the budget
 * @param min the smallest budget, positive
 * @param max the largest budget, greater than {@code min}
 * @param integer whether the receiving field holds integers (budgets are then rounded)
 */
public record BudgetSpec(String name, double min, double max, boolean integer) {
    public BudgetSpec {
        if (!(min > 0)) {
            throw new IllegalArgumentException("budget '" + name + "': min must be positive, got " + min);
        }
        if (!(min < max)) {
            throw new IllegalArgumentException("budget '" + name + "': min (" + min + ") must be less than max (" + max + ")");
        }
    }
}
