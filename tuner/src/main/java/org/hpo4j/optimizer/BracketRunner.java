package org.hpo4j.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hpo4j.space.Configuration;

/**
 * Runs successive-halving brackets as an ask/tell state machine; Hyperband, successive halving and
 * BOHB differ only in which bracket comes next and in how a new configuration is drawn.
 *
 * <p>As in HpBandSter's master, older brackets have priority: {@link #ask()} returns the next job
 * of the oldest bracket that has one, and starts a new bracket only when every open bracket is
 * waiting for results, so idle parallel workers are not left waiting. A rung is promoted once all
 * its results are in.
 */
final class BracketRunner {

    /** Draws the configuration that starts a new entry of a bracket at {@code budget}. */
    @FunctionalInterface
    interface Sampler {
        Configuration sample(double budget);
    }

    /** Hears every result, e.g. to fit a model. */
    @FunctionalInterface
    interface Observer {
        void observe(Job job, Result result);
    }

    /** Which bracket {@code s} the {@code k}-th bracket (0, 1, 2, ...) is, and its iteration. */
    interface BracketSequence {
        int bracket(int k);

        int iteration(int k);
    }

    private final HyperbandSchedule schedule;
    private final BracketSequence sequence;
    private final int maxBrackets;
    private final Sampler sampler;
    private final Observer observer;
    private final List<Bracket> open = new ArrayList<>();
    private final Map<Integer, Outstanding> outstanding = new HashMap<>();
    private int bracketsStarted;
    private int nextId;

    private record Outstanding(Job job, Bracket bracket) {
    }

    /**
     * @param maxBrackets how many brackets to run before the runner is finished, 0 for no bound
     */
    BracketRunner(HyperbandSchedule schedule, BracketSequence sequence, int maxBrackets, Sampler sampler,
                  Observer observer) {
        this.schedule = schedule;
        this.sequence = sequence;
        this.maxBrackets = maxBrackets;
        this.sampler = sampler;
        this.observer = observer;
    }

    HyperbandSchedule schedule() {
        return schedule;
    }

    Ask ask() {
        for (Bracket b : open) {
            Job job = b.next(nextId, sampler);
            if (job != null) {
                return Ask.run(handOut(job, b));
            }
        }
        if (maxBrackets == 0 || bracketsStarted < maxBrackets) {
            int k = bracketsStarted++;
            int s = sequence.bracket(k);
            Bracket b = new Bracket(sequence.iteration(k), s, schedule.rungSizes(s), schedule.rungBudgets(s));
            open.add(b);
            return Ask.run(handOut(b.next(nextId, sampler), b));
        }
        // an open bracket has handed out its rung and waits for results of outstanding jobs
        return open.isEmpty() ? Ask.FINISHED : Ask.WAIT;
    }

    private Job handOut(Job job, Bracket bracket) {
        nextId++;
        outstanding.put(job.id(), new Outstanding(job, bracket));
        return job;
    }

    void tell(Job job, Result result) {
        Outstanding o = outstanding.get(job.id());
        if (o == null || !o.job().equals(job)) {
            throw new IllegalArgumentException("job " + job.id() + " " + job.configId()
                    + " was not handed out by this optimizer or was already told");
        }
        if (result == null) {
            throw new IllegalArgumentException("result of job " + job.id() + " is null");
        }
        outstanding.remove(job.id());
        o.bracket().tell(job, result);
        observer.observe(job, result);
        for (Iterator<Bracket> it = open.iterator(); it.hasNext(); ) {
            if (it.next().isComplete()) {
                it.remove();
            }
        }
    }

    boolean isFinished() {
        return maxBrackets > 0 && bracketsStarted >= maxBrackets && open.isEmpty();
    }

    /** One run of successive halving. */
    private static final class Bracket {
        private final int iteration;
        private final int s;
        private final int[] sizes;
        private final double[] budgets;
        private final List<Configuration> configs = new ArrayList<>();
        private int rung;
        /** Config indices of the current rung, in the order they are handed out. */
        private int[] members;
        /** Position of a config index within {@link #members}; -1 when not in the rung. */
        private int[] positionOf;
        private double[] rankValues;
        private int handedOut;
        private int received;
        private boolean complete;

        Bracket(int iteration, int s, int[] sizes, double[] budgets) {
            this.iteration = iteration;
            this.s = s;
            this.sizes = sizes;
            this.budgets = budgets;
            this.members = new int[sizes[0]];
            for (int i = 0; i < members.length; i++) {
                members[i] = i;
            }
            startRung(members);
        }

        private void startRung(int[] configIndices) {
            members = configIndices;
            positionOf = new int[sizes[0]];
            Arrays.fill(positionOf, -1);
            for (int p = 0; p < members.length; p++) {
                positionOf[members[p]] = p;
            }
            rankValues = new double[members.length];
            handedOut = 0;
            received = 0;
        }

        /** The next job of the current rung, or null when the rung is all handed out. */
        Job next(int id, Sampler sampler) {
            if (complete || handedOut >= members.length) {
                return null;
            }
            int index = members[handedOut++];
            if (rung == 0) {
                // drawn when asked for, so a model sees every result told so far
                configs.add(sampler.sample(budgets[0]));
            }
            return new Job(id, new Job.ConfigId(iteration, s, index), configs.get(index), budgets[rung],
                    rung == 0 ? 0 : budgets[rung - 1], rung);
        }

        void tell(Job job, Result result) {
            int p = positionOf[job.configId().index()];
            rankValues[p] = result.rankValue();
            received++;
            if (received < members.length) {
                return;
            }
            if (rung == sizes.length - 1) {
                complete = true;
                return;
            }
            // the best n_{i+1} by value, ties in hand-out order; failures are never promoted, as in
            // HpBandSter, where a crashed configuration leaves its bracket
            Integer[] order = new Integer[members.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(rankValues[a], rankValues[b]));
            int keep = 0;
            int[] promoted = new int[sizes[rung + 1]];
            for (int i = 0; i < order.length && keep < promoted.length; i++) {
                if (rankValues[order[i]] != Double.POSITIVE_INFINITY) {
                    promoted[keep++] = members[order[i]];
                }
            }
            if (keep == 0) {
                complete = true;
                return;
            }
            rung++;
            startRung(Arrays.copyOf(promoted, keep));
        }

        boolean isComplete() {
            return complete;
        }
    }
}
