package org.hpo4j.optimizer.multi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * Multi-objective asynchronous successive halving (MO-ASHA, Schmucker et al. 2021, "Multi-objective
 * Asynchronous Successive Halving"): the promotions of ASHA (Li et al. 2020), with the results of a
 * rung ordered by non-dominated rank and then crowding distance ({@link Pareto#order}) instead of
 * by one value. Infeasible results rank behind every feasible one by their violation, failures
 * last and are never promoted.
 *
 * <p>{@link #ask()} promotes a configuration when a rung holds one that is among the first
 * {@code floor(n / eta)} of the {@code n} results of that rung in that order and has not been
 * promoted (highest rung first); otherwise it starts a new configuration at the bottom rung. Rung
 * budgets are those of Hyperband ({@link HyperbandSchedule#of}). MO-ASHA ({@link #asha}) runs the
 * most aggressive bracket with configurations from the prior; with a model ({@link ParEgo}) every
 * bracket {@code s = sMax ... 0} is visited in turn as asynchronous Hyperband does, and a rung
 * promotes at most {@code floor(n / eta)} configurations in all (as asynchronous BOHB does, so that
 * a model whose proposals keep improving does not send most of the budget to the largest rung).
 *
 * <p>Never waits without a bound on iterations; with {@code maxIterations = m} it starts {@code m}
 * cycles' worth of configurations, then only promotes, and is finished when nothing is outstanding
 * and nothing is promotable. A configuration's id is {@code (cycle, s, index)}.
 */
public final class MultiObjectiveAsha implements Optimizer {
    private final HyperbandSchedule schedule;
    private final List<Bracket> brackets = new ArrayList<>();
    private final Proposals proposals;
    private final boolean capPromotions;
    private final int configurationsPerCycle;
    private final long maxNewConfigurations;
    private final Map<Integer, Job> outstanding = new HashMap<>();
    private final Map<Job.ConfigId, Trial> trials = new HashMap<>();
    private long started;
    private int nextJobId;

    MultiObjectiveAsha(HyperbandSchedule schedule, List<Integer> bracketIndices, Proposals proposals, int maxIterations,
                       boolean capPromotions) {
        this.schedule = schedule;
        this.proposals = proposals;
        this.capPromotions = capPromotions;
        int weights = 0;
        for (int s : bracketIndices) {
            Bracket b = new Bracket(s, schedule);
            brackets.add(b);
            weights += b.weight;
        }
        this.configurationsPerCycle = weights;
        this.maxNewConfigurations = maxIterations == 0 ? Long.MAX_VALUE : (long) maxIterations * weights;
    }

    /** MO-ASHA: the most aggressive bracket, configurations from the prior. */
    public static MultiObjectiveAsha asha(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings) {
        HyperbandSchedule schedule = HyperbandSchedule.of(fidelity, settings);
        RandomGenerator random = new MersenneTwister(seed);
        Proposals prior = new Proposals() {
            @Override
            public Configuration next() {
                return space.sample(random::nextDouble);
            }

            @Override
            public void observe(Job job, Result result) {
            }
        };
        return new MultiObjectiveAsha(schedule, List.of(schedule.sMax()), prior, settings.maxIterations(), false);
    }

    /** Every bracket of Hyperband, visited in turn, with promotions capped (for model-based proposals). */
    static MultiObjectiveAsha allBrackets(Fidelity fidelity, HyperbandSettings settings, Proposals proposals) {
        HyperbandSchedule schedule = HyperbandSchedule.of(fidelity, settings);
        List<Integer> all = new ArrayList<>();
        for (int s = schedule.sMax(); s >= 0; s--) {
            all.add(s);
        }
        return new MultiObjectiveAsha(schedule, all, proposals, settings.maxIterations(), true);
    }

    @Override
    public Ask ask() {
        Job job = promotion();
        if (job == null && started < maxNewConfigurations) {
            job = newConfiguration();
        }
        if (job == null) {
            return isFinished() ? Ask.FINISHED : Ask.WAIT;
        }
        outstanding.put(job.id(), job);
        return Ask.run(job);
    }

    private Job promotion() {
        Bracket bestBracket = null;
        int bestRung = -1;
        Entry best = null;
        for (Bracket b : brackets) {
            for (int k = b.rungs.length - 2; k >= 0; k--) {
                Entry e = b.rungs[k].promotable(schedule.eta(), capPromotions);
                if (e != null) {
                    if (best == null || b.rungs[k + 1].budget > bestBracket.rungs[bestRung + 1].budget) {
                        bestBracket = b;
                        bestRung = k;
                        best = e;
                    }
                    break;
                }
            }
        }
        if (best == null) {
            return null;
        }
        bestBracket.rungs[bestRung].markPromoted(best);
        Trial t = best.trial;
        return new Job(nextJobId++, t.id, t.configuration, bestBracket.rungs[bestRung + 1].budget,
                bestBracket.rungs[bestRung].budget, bestRung + 1);
    }

    private Job newConfiguration() {
        long cycle = started / configurationsPerCycle;
        long index = started % configurationsPerCycle;
        Bracket chosen = null;
        for (Bracket b : brackets) {
            if (index < b.weight) {
                chosen = b;
                break;
            }
            index -= b.weight;
        }
        Job.ConfigId id = new Job.ConfigId(Math.toIntExact(cycle), chosen.s, (int) index);
        Trial t = new Trial(id, proposals.next(), chosen);
        started++;
        trials.put(id, t);
        return new Job(nextJobId++, id, t.configuration, chosen.rungs[0].budget, 0, 0);
    }

    @Override
    public void tell(Job job, Result result) {
        Job handedOut = outstanding.get(job.id());
        if (handedOut == null || !handedOut.configId().equals(job.configId()) || handedOut.rung() != job.rung()) {
            throw new IllegalArgumentException("job " + job.id() + " " + job.configId()
                    + " was not handed out by this optimizer or was already told");
        }
        outstanding.remove(job.id());
        Trial t = trials.get(job.configId());
        t.bracket.rungs[job.rung()].add(new Entry(t, Pareto.Point.of(result)),
                !result.isFailure() && job.rung() < t.bracket.rungs.length - 1);
        proposals.observe(handedOut, result);
    }

    @Override
    public boolean isFinished() {
        if (started < maxNewConfigurations || !outstanding.isEmpty()) {
            return false;
        }
        for (Bracket b : brackets) {
            for (int k = 0; k < b.rungs.length - 1; k++) {
                if (b.rungs[k].promotable(schedule.eta(), capPromotions) != null) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public boolean handlesSeveralObjectives() {
        return true;
    }

    private record Trial(Job.ConfigId id, Configuration configuration, Bracket bracket) {
    }

    private record Entry(Trial trial, Pareto.Point point) {
    }

    private static final class Bracket {
        final int s;
        final int weight;
        final Rung[] rungs;

        Bracket(int s, HyperbandSchedule schedule) {
            this.s = s;
            this.weight = schedule.rungSizes(s)[0];
            double[] budgets = schedule.rungBudgets(s);
            this.rungs = new Rung[s + 1];
            for (int k = 0; k <= s; k++) {
                rungs[k] = new Rung(budgets[k]);
            }
        }
    }

    /**
     * The results at one budget of one bracket, in arrival order. The order by rank and crowding
     * is computed again when asked (it changes as results arrive) and kept until the next result.
     */
    private static final class Rung {
        final double budget;
        final List<Entry> entries = new ArrayList<>();
        final List<Boolean> promotable = new ArrayList<>();
        List<Integer> order;
        int promoted;

        Rung(double budget) {
            this.budget = budget;
        }

        void add(Entry e, boolean canBePromoted) {
            entries.add(e);
            promotable.add(canBePromoted);
            order = null;
        }

        /** The first unpromoted, promotable entry among the first {@code floor(n / eta)}, else null. */
        Entry promotable(double eta, boolean cap) {
            int top = (int) Math.floor(entries.size() / eta);
            if (top == 0 || (cap && promoted >= top)) {
                return null;
            }
            if (order == null) {
                order = Pareto.order(entries.stream().map(Entry::point).toList());
            }
            for (int r = 0; r < top; r++) {
                int i = order.get(r);
                if (promotable.get(i)) {
                    return entries.get(i);
                }
            }
            return null;
        }

        void markPromoted(Entry e) {
            promoted++;
            promotable.set(entries.indexOf(e), false);
        }
    }
}
