package org.hpo4j.optimizer.async;

import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.async.AsyncSuccessiveHalving.Trial;

/**
 * The results at one budget of one bracket, and which of them are promotable: successful,
 * below the bracket's top rung and not promoted yet.
 */
abstract class Rung {
    final double budget;
    int promoted;

    Rung(double budget) {
        this.budget = budget;
    }

    /** Adds the result of {@code trial} at this rung. */
    abstract void add(Trial trial, Result result, boolean promotable);

    /** How many results the rung holds. */
    abstract int size();

    /** The first promotable trial among the first {@code top} in the rung's order, else null. */
    abstract Trial firstPromotable(int top);

    /** Takes {@code trial} out of the promotable ones. */
    abstract void unmark(Trial trial);

    /** The trial to promote if the rung has one among the top {@code floor(n / eta)}, else null. */
    final Trial promotable(double eta, boolean cap) {
        int top = (int) Math.floor(size() / eta);
        if (top == 0 || (cap && promoted >= top)) {
            return null;
        }
        return firstPromotable(top);
    }

    final void markPromoted(Trial trial) {
        promoted++;
        unmark(trial);
    }
}
