package org.hpo4j.optimizer.async;

import java.util.function.Supplier;
import org.hpo4j.optimizer.HyperbandSchedule;

/**
 * Splits the budget among the brackets by shares that may change as results come in: each new
 * configuration goes to the bracket furthest behind its share of the budget planned so far (a
 * deterministic deficit rule, so equal shares give Hyperband's split). A configuration plans the
 * budget its bracket spends per configuration when every rung is full ({@code sum_i n_i r_i / n_0}).
 * The brackets open in Hyperband's order: bracket {@code s} takes configurations once the budget
 * planned so far covers the brackets before it ({@code s_max} first), each scaled by its share
 * relative to an equal one. With equal shares the first full-budget evaluations thus come after the
 * first rounds of screening, as in Hyperband's first iteration, rather than as blind guesses; a
 * bracket whose predecessors lost their shares opens at once. Once open, the deficit rule decides.
 *
 * <p><b>Paced by the results that are back.</b> The budget that opens the brackets and that the
 * shares divide is the budget planned by the configurations whose first result is back
 * ({@link #firstResult}), not by every configuration started: with many workers, the budget planned
 * runs far ahead of what the model has seen (with 32 workers, four times ahead on counting-ones),
 * and a bracket that opened or claimed its share on it started its configurations from a model of
 * the first screening results only, a dozen at once. A configuration still awaiting its first
 * result counts in its own bracket's planned budget, so a bracket cannot claim a share of its own
 * pending starts. The most aggressive bracket with a share is always open, so a new configuration
 * can always start: workers never idle. With one worker every first result is back before the next
 * start, and the split is the one described above, exactly.
 *
 * <p>With {@code maxIterations = m}, configurations start until the planned budget reaches
 * {@code m} Hyperband iterations' budget, so a bounded run costs about what Hyperband's would, however
 * the shares move. A configuration's iteration is the number of whole iterations' budget planned
 * before it.
 */
public final class WeightedBrackets implements BracketPolicy {
    private final int sMax;
    private final double[] perConfiguration;
    /** Per bracket, the budget it spends when every rung is full. */
    private final double[] bracketBudget;
    private final double iterationBudget;
    private final double maxPlanned;
    private final Supplier<double[]> shares;
    private final double[] planned;
    private final java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
    private final int fullBudgetFirst;
    private int starts;
    private double total;
    /** The budget planned by the full-budget-first starts, which the shares do not divide. */
    private double reference;
    /** Per bracket, the configurations started whose first result is not back. */
    private final int[] awaiting;

    /**
     * @param shares the wanted share of the budget per bracket, indexed by {@code s}, non-negative,
     *     not all zero; asked before every start
     * @param maxIterations bound in Hyperband iterations' budget, 0 for none
     */
    public WeightedBrackets(HyperbandSchedule schedule, Supplier<double[]> shares, int maxIterations) {
        this(schedule, shares, maxIterations, 0);
    }

    /**
     * As {@link #WeightedBrackets(HyperbandSchedule, Supplier, int)}, but the first
     * {@code fullBudgetFirst} configurations start in bracket 0, at the full budget, before the
     * shares decide: a reference that the smaller budgets' rankings can be measured against from
     * the start, for an owner whose shares come from such measurements. They count in the budget
     * planned as any other start (for the bound and for opening the brackets), but the shares divide
     * the budget planned after them: bracket 0's share comes on top of the reference.
     */
    public WeightedBrackets(HyperbandSchedule schedule, Supplier<double[]> shares, int maxIterations, int fullBudgetFirst) {
        if (fullBudgetFirst < 0) {
            throw new IllegalArgumentException("fullBudgetFirst must be at least 0, not " + fullBudgetFirst);
        }
        this.fullBudgetFirst = fullBudgetFirst;
        this.sMax = schedule.sMax();
        this.perConfiguration = new double[sMax + 1];
        for (int s = 0; s <= sMax; s++) {
            int[] n = schedule.rungSizes(s);
            double[] b = schedule.rungBudgets(s);
            double spend = 0;
            for (int i = 0; i < n.length; i++) {
                spend += n[i] * b[i];
            }
            perConfiguration[s] = spend / n[0];
        }
        this.bracketBudget = new double[sMax + 1];
        for (int s = 0; s <= sMax; s++) {
            bracketBudget[s] = perConfiguration[s] * schedule.rungSizes(s)[0];
        }
        this.iterationBudget = schedule.iterationBudget();
        this.maxPlanned = maxIterations == 0 ? Double.POSITIVE_INFINITY : maxIterations * iterationBudget;
        this.shares = shares;
        this.planned = new double[sMax + 1];
        this.awaiting = new int[sMax + 1];
    }

    @Override
    public Start next() {
        if (exhausted()) {
            return null;
        }
        double[] wanted = shares.get();
        boolean first = starts++ < fullBudgetFirst;
        int chosen = first ? 0 : choose(wanted);
        if (first) {
            reference += perConfiguration[0];
        }
        int iteration = (int) Math.floor(total / iterationBudget * (1 + 1e-12));
        long key = (long) iteration * (sMax + 1) + chosen;
        int index = counts.merge(key, 1, Integer::sum) - 1;
        planned[chosen] += perConfiguration[chosen];
        total += perConfiguration[chosen];
        awaiting[chosen]++;
        return new Start(chosen, iteration, index);
    }

    /** The open bracket furthest behind its share, as the class comment says. */
    private int choose(double[] wanted) {
        double sum = 0;
        for (double w : wanted) {
            sum += w;
        }
        double informed = informed();
        int chosen = -1;
        double largest = Double.NEGATIVE_INFINITY;
        // bracket s opens once the budget planned covers the brackets before it in Hyperband's
        // order, each scaled by its share relative to an equal one (Hyperband's order while the
        // shares are equal; at once when the brackets before it have lost their shares)
        double opensAt = 0;
        // from the most aggressive bracket down, so ties (e.g. at the start) go to small budgets first
        for (int s = sMax; s >= 0; s--) {
            double open = opensAt;
            opensAt += bracketBudget[s] * wanted[s] / sum * (sMax + 1);
            if (!(wanted[s] > 0) || informed < open * (1 - 1e-12)) {
                continue;
            }
            // the full-budget-first starts are the reference, not bracket 0's share: the shares
            // divide the budget after them (else bracket 0 waits until the others have caught up)
            double deficit = wanted[s] / sum * Math.max(0, informed - reference) - planned[s]
                    + (s == 0 ? reference : 0);
            if (deficit > largest) {
                largest = deficit;
                chosen = s;
            }
        }
        return chosen;
    }

    /**
     * The budget planned by the configurations whose first result is back: exactly the budget
     * planned when none is awaited (no rounding, so one worker's choices do not depend on it).
     */
    private double informed() {
        double awaited = 0;
        for (int s = 0; s <= sMax; s++) {
            awaited += awaiting[s] * perConfiguration[s];
        }
        return awaited == 0 ? total : Math.max(0, total - awaited);
    }

    @Override
    public void firstResult(int s) {
        if (awaiting[s] == 0) {
            throw new IllegalStateException("no configuration of bracket " + s + " awaits its first result");
        }
        awaiting[s]--;
    }

    @Override
    public boolean exhausted() {
        return total >= maxPlanned * (1 - 1e-12);
    }

    /** The budget planned so far per bracket {@code s}, in the budget's units. */
    public double[] planned() {
        return planned.clone();
    }
}
