package org.hpo4j.optimizer.async;

import java.util.List;
import org.hpo4j.optimizer.HyperbandSchedule;

/**
 * Asynchronous Hyperband's loop through the brackets: new configurations go to the first bracket
 * until it has received its {@code n_s} of the cycle, then to the next, and so on, then the next
 * cycle; {@code maxIterations} cycles in all (0: no bound).
 */
final class CyclicBrackets implements BracketPolicy {
    private final int[] brackets;
    private final int[] weights;
    private final int perCycle;
    private final long maxNew;
    private long started;

    CyclicBrackets(HyperbandSchedule schedule, List<Integer> order, int maxIterations) {
        brackets = new int[order.size()];
        weights = new int[order.size()];
        int total = 0;
        for (int i = 0; i < brackets.length; i++) {
            brackets[i] = order.get(i);
            weights[i] = schedule.rungSizes(brackets[i])[0];
            total += weights[i];
        }
        perCycle = total;
        maxNew = maxIterations == 0 ? Long.MAX_VALUE : (long) maxIterations * total;
    }

    @Override
    public Start next() {
        if (exhausted()) {
            return null;
        }
        long cycle = started / perCycle;
        long index = started % perCycle;
        started++;
        for (int i = 0; i < brackets.length; i++) {
            if (index < weights[i]) {
                return new Start(brackets[i], Math.toIntExact(cycle), (int) index);
            }
            index -= weights[i];
        }
        throw new AssertionError("index beyond the cycle");
    }

    @Override
    public boolean exhausted() {
        return started >= maxNew;
    }
}
