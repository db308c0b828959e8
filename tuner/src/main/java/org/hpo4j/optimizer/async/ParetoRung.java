package org.hpo4j.optimizer.async;

import java.util.ArrayList;
import java.util.List;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.async.AsyncSuccessiveHalving.Trial;

/**
 * Ordered by non-dominated rank and then crowding distance ({@link Pareto#order}; infeasible
 * results behind every feasible one by their violation, failures last), ties by arrival in the
 * rung, as MO-ASHA (Schmucker et al. 2021) ranks. The order is computed again when asked after
 * a new result (a new point changes others' crowding) and kept until the next result.
 */
final class ParetoRung extends Rung {
    final List<Trial> trials = new ArrayList<>();
    final List<Pareto.Point> points = new ArrayList<>();
    final List<Boolean> promotable = new ArrayList<>();
    List<Integer> order;

    ParetoRung(double budget) {
        super(budget);
    }

    @Override
    void add(Trial trial, Result result, boolean canBePromoted) {
        trials.add(trial);
        points.add(Pareto.Point.of(result));
        promotable.add(canBePromoted);
        order = null;
    }

    @Override
    int size() {
        return trials.size();
    }

    @Override
    Trial firstPromotable(int top) {
        if (order == null) {
            order = Pareto.order(points);
        }
        for (int r = 0; r < top; r++) {
            int i = order.get(r);
            if (promotable.get(i)) {
                return trials.get(i);
            }
        }
        return null;
    }

    @Override
    void unmark(Trial trial) {
        promotable.set(trials.indexOf(trial), false);
    }
}
