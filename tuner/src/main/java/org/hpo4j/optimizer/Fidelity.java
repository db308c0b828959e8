package org.hpo4j.optimizer;

/**
 * The budget range every optimizer is built with: multi-fidelity optimizers hand out budgets in
 * it, the others run every job at {@link #maxBudget()}.
 *
 * @param minBudget smallest budget handed to an evaluation, positive
 * @param maxBudget largest budget, greater than {@code minBudget}
 */
public record Fidelity(double minBudget, double maxBudget) {

    public Fidelity {
        if (!(minBudget > 0)) {
            throw new IllegalArgumentException("minBudget must be positive, got " + minBudget);
        }
        if (!(minBudget < maxBudget) || Double.isInfinite(maxBudget)) {
            throw new IllegalArgumentException("minBudget (" + minBudget + ") must be less than maxBudget (" + maxBudget
                    + "), which must be finite");
        }
    }
}
