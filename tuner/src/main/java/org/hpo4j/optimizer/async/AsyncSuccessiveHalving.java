package org.hpo4j.optimizer.async;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.optimizer.BohbModel;
import org.hpo4j.optimizer.BohbSettings;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * Asynchronous successive halving (ASHA) and asynchronous Hyperband, after Li et al. 2020, "A
 * System for Massively Parallel Hyperparameter Tuning", Algorithm 2; and asynchronous BOHB, the same
 * promotions with BOHB's model proposing the new configurations.
 *
 * <p>There are no rung barriers: {@link #ask()} always has a job. It promotes a configuration when
 * some rung holds one that is among the best {@code floor(n / eta)} of the {@code n} results of
 * that rung and has not been promoted yet (the highest such rung first, the best configuration of
 * it first); otherwise it starts a new configuration at the bottom rung of a bracket. Early
 * promotions may be ones that synchronous successive halving would not have made; the paper shows
 * the cost of those mistakes is small next to the time idle workers lose at barriers.
 *
 * <p>Rung budgets are those of synchronous Hyperband ({@link HyperbandSchedule#of}: {@code maxBudget /
 * eta^k}). ASHA runs the most aggressive bracket only (start at the smallest budget). Asynchronous
 * Hyperband runs every bracket {@code s = sMax ... 0}, each an independent ASHA with its own rungs,
 * and, as the paper says, loops through the brackets: new configurations go to bracket
 * {@code sMax} until it has received Hyperband's {@code n_s = ceil((sMax + 1) / (s + 1) * eta^s)}
 * of this cycle, then to bracket {@code sMax - 1}, and so on down to bracket 0, then the next
 * cycle. New configurations are thus split among brackets as in synchronous Hyperband, in the same
 * order, and each bracket gets about the same share of the budget. (Choosing the bracket per
 * configuration with equal chances would give the conservative brackets, whose configurations
 * start at large budgets, most of the compute.)
 *
 * <p>Asynchronous BOHB deviates from the paper's promotion rule in one point: a rung promotes at
 * most {@code floor(n / eta)} configurations in all, as synchronous successive halving does. Plain
 * ASHA may promote more, because a configuration promoted early stays promoted when better ones
 * arrive later and push it out of the top {@code 1 / eta}. With configurations from the prior that
 * happens rarely; with a model whose proposals keep improving, nearly every new proposal beats the
 * rung's history and is promoted, so that most of the budget went to the largest budget (on
 * counting-ones, 195 of 300 full evaluations against 134 for synchronous BOHB) and the regret
 * at equal cost was worse than synchronous BOHB's on three of the four benchmark problems. With the
 * cap, the budget per rung matches synchronous BOHB's (see BENCHMARKS.md, simulation benchmark).
 * The cap is in the spirit of the "delayed" ASHA of Hyper-Tune (Li et al. 2022). Its model also
 * waits for {@link #MIN_POINTS_IN_MODEL} observations at a budget, where BOHB needs
 * {@code dimensions + 1}.
 *
 * <p>Failures rank behind every successful result of their rung, count in its size {@code n}, and
 * are never promoted. Ties rank the configuration started first ahead.
 *
 * <p>Job ids count 0, 1, 2, ...; a promotion job carries the configuration's {@link Job.ConfigId},
 * its rung within the bracket and, as {@code previousBudget}, the budget of the rung it was
 * promoted from. A configuration's id is {@code (cycle, s, index)} as in synchronous Hyperband: the
 * cycle through the brackets (the Hyperband iteration), the bracket, and the position among the
 * bracket's {@code n_s} configurations of that cycle.
 *
 * <p>Without a bound on iterations the optimizer never finishes and never waits. With
 * {@code maxIterations = m} it starts {@code m} cycles' worth of configurations, then only
 * promotes, returns empty while results that could lead to a promotion are outstanding, and is
 * finished once none are and no rung has a promotable configuration.
 */
public final class AsyncSuccessiveHalving implements Optimizer, org.hpo4j.optimizer.WarmStartable {
    private final HyperbandSchedule schedule;
    private final List<Bracket> brackets = new ArrayList<>();
    private final ConfigurationSource source;
    private final BracketPolicy policy;
    private final Map<Integer, Job> outstanding = new HashMap<>();
    private final Map<Job.ConfigId, Trial> trials = new HashMap<>();
    private final boolean capPromotions;
    private final RungOrder order;
    private long startedConfigurations;
    private int nextJobId;

    /**
     * @param bracketIndices the brackets {@code s}, in the order a cycle visits them
     * @param capPromotions whether a rung promotes at most {@code floor(n / eta)} configurations
     */
    AsyncSuccessiveHalving(HyperbandSchedule schedule, List<Integer> bracketIndices, ConfigurationSource source,
                                   int maxIterations, boolean capPromotions) {
        this(schedule, bracketIndices, source, new CyclicBrackets(schedule, bracketIndices, maxIterations), capPromotions,
                RungOrder.SCALAR);
    }

    /**
     * Asynchronous successive halving over the brackets {@code bracketIndices} of {@code schedule},
     * visited in turn as asynchronous Hyperband does ({@code maxIterations} cycles, 0: no bound),
     * new configurations from {@code source}, each rung's results ranked by {@code order}.
     *
     * @param capPromotions whether a rung promotes at most {@code floor(n / eta)} configurations
     *     (see the class comment)
     */
    public static AsyncSuccessiveHalving cyclic(HyperbandSchedule schedule, List<Integer> bracketIndices,
                                                ConfigurationSource source, int maxIterations, boolean capPromotions,
                                                RungOrder order) {
        return new AsyncSuccessiveHalving(schedule, bracketIndices, source,
                new CyclicBrackets(schedule, bracketIndices, maxIterations), capPromotions, order);
    }

    /**
     * Asynchronous successive halving over the brackets {@code bracketIndices} of {@code schedule},
     * new configurations from {@code source}, started in the brackets {@code policy} chooses.
     *
     * @param capPromotions whether a rung promotes at most {@code floor(n / eta)} configurations
     *     (see the class comment)
     */
    public AsyncSuccessiveHalving(HyperbandSchedule schedule, List<Integer> bracketIndices, ConfigurationSource source,
                                  BracketPolicy policy, boolean capPromotions) {
        this(schedule, bracketIndices, source, policy, capPromotions, RungOrder.SCALAR);
    }

    /**
     * Asynchronous successive halving as {@link #AsyncSuccessiveHalving(HyperbandSchedule, List,
     * ConfigurationSource, BracketPolicy, boolean)}, each rung's results ranked by {@code order}:
     * by one value, or by non-dominated rank and crowding for several objectives (MO-ASHA).
     */
    public AsyncSuccessiveHalving(HyperbandSchedule schedule, List<Integer> bracketIndices, ConfigurationSource source,
                                  BracketPolicy policy, boolean capPromotions, RungOrder order) {
        this.schedule = schedule;
        this.capPromotions = capPromotions;
        this.source = source;
        this.policy = policy;
        this.order = java.util.Objects.requireNonNull(order, "order");
        for (int s : bracketIndices) {
            brackets.add(new Bracket(s, schedule, order));
        }
    }

    /** ASHA with eta 3 and no bound on iterations. */
    public static AsyncSuccessiveHalving asha(SearchSpace space, Fidelity fidelity, long seed) {
        return asha(space, fidelity, seed, HyperbandSettings.defaults());
    }

    /** Asynchronous BOHB with eta 3, no bound on iterations and the model settings of {@link #MIN_POINTS_IN_MODEL}. */
    public static AsyncSuccessiveHalving bohb(SearchSpace space, Fidelity fidelity, long seed) {
        return bohb(space, fidelity, seed, HyperbandSettings.defaults());
    }

    /**
     * ASHA: one bracket starting at the smallest budget, configurations from the prior.
     *
     * @param space the configurations to search
     * @param fidelity the budget range
     * @param seed fixes every random choice
     * @param settings eta and an optional bound on iterations
     */
    public static AsyncSuccessiveHalving asha(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings) {
        HyperbandSchedule schedule = HyperbandSchedule.of(fidelity, settings);
        return new AsyncSuccessiveHalving(schedule, List.of(schedule.sMax()),
                new PriorSource(space, new MersenneTwister(seed)), settings.maxIterations(), false);
    }

    /**
     * Asynchronous Hyperband: every bracket of Hyperband as its own ASHA, configurations from the
     * prior, brackets chosen as described in the class comment.
     *
     * @param space the configurations to search
     * @param fidelity the budget range
     * @param seed fixes every random choice
     * @param settings eta and an optional bound on iterations
     */
    public static AsyncSuccessiveHalving hyperband(SearchSpace space, Fidelity fidelity, long seed,
                                                   HyperbandSettings settings) {
        HyperbandSchedule schedule = HyperbandSchedule.of(fidelity, settings);
        return new AsyncSuccessiveHalving(schedule, allBrackets(schedule),
                new PriorSource(space, new MersenneTwister(seed)), settings.maxIterations(), false);
    }

    /**
     * The fewest observations at a budget before asynchronous BOHB's model is fitted there (raised
     * to {@code dimensions + 1} on larger spaces, HpBandSter's rule). Asynchronous promotions bring
     * the first results of a large budget after only a few results below it; on a 2-dimensional
     * space HpBandSter's 3 would move the model there as soon as it has 3 good and 3 bad points,
     * which cost regret on branin-mf (BENCHMARKS.md, simulation benchmark).
     */
    public static final int MIN_POINTS_IN_MODEL = 6;

    /**
     * Asynchronous BOHB with HpBandSter's model settings, except that a budget needs
     * {@link #MIN_POINTS_IN_MODEL} observations: {@link #bohb(SearchSpace, Fidelity, long,
     * HyperbandSettings, BohbSettings)} with {@link BohbSettings#defaults()}{@code .withMinPointsInModel(6)}.
     */
    public static AsyncSuccessiveHalving bohb(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings) {
        return bohb(space, fidelity, seed, settings, BohbSettings.defaults().withMinPointsInModel(MIN_POINTS_IN_MODEL));
    }

    /**
     * Asynchronous BOHB: the brackets of asynchronous Hyperband, promotions capped at
     * {@code floor(n / eta)} per rung (see the class comment), and every new configuration proposed
     * by BOHB's model ({@link BohbModel}: densities of good and bad
     * configurations on the largest budget with enough successful results, a third of the proposals
     * from the prior). The model sees every result as it comes in, so it moves to a larger budget as
     * soon as that budget's rung has enough results, without waiting for any bracket to finish.
     *
     * @param space the configurations to search
     * @param fidelity the budget range
     * @param seed fixes every random choice
     * @param settings eta and an optional bound on iterations
     * @param bohbSettings the model's settings
     */
    public static AsyncSuccessiveHalving bohb(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings,
                                              BohbSettings bohbSettings) {
        HyperbandSchedule schedule = HyperbandSchedule.of(fidelity, settings);
        BohbModel model = new BohbModel(space, bohbSettings, new MersenneTwister(seed));
        return new AsyncSuccessiveHalving(schedule, allBrackets(schedule), new ModelSource(model),
                settings.maxIterations(), true);
    }

    /** Every bracket of {@code schedule}, {@code s_max} first. */
    public static List<Integer> allBrackets(HyperbandSchedule schedule) {
        List<Integer> all = new ArrayList<>();
        for (int s = schedule.sMax(); s >= 0; s--) {
            all.add(s);
        }
        return all;
    }

    @Override
    public Ask ask() {
        Job job = promotion();
        if (job == null && !policy.exhausted()) {
            job = newConfiguration();
        }
        if (job == null) {
            return isFinished() ? Ask.FINISHED : Ask.WAIT;
        }
        outstanding.put(job.id(), job);
        source.started(job);
        return Ask.run(job);
    }

    /** The promotion to the highest budget any bracket offers, or null. */
    private Job promotion() {
        Bracket bestBracket = null;
        int bestRung = -1;
        Trial best = null;
        for (Bracket b : brackets) {
            for (int k = b.rungs.length - 2; k >= 0; k--) {
                Trial e = b.rungs[k].promotable(schedule.eta(), capPromotions);
                if (e != null) {
                    if (best == null || b.rungs[k + 1].budget > bestBracket.rungs[bestRung + 1].budget) {
                        bestBracket = b;
                        bestRung = k;
                        best = e;
                    }
                    break; // lower rungs of this bracket lead to smaller budgets
                }
            }
        }
        if (best == null) {
            return null;
        }
        bestBracket.rungs[bestRung].markPromoted(best);
        Trial t = best;
        return new Job(nextJobId++, t.id, t.configuration, bestBracket.rungs[bestRung + 1].budget,
                bestBracket.rungs[bestRung].budget, bestRung + 1);
    }

    private Job newConfiguration() {
        BracketPolicy.Start start = policy.next();
        Bracket chosen = null;
        for (Bracket b : brackets) {
            if (b.s == start.bracket()) {
                chosen = b;
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("bracket policy chose bracket " + start.bracket() + ", which this optimizer does not run");
        }
        Job.ConfigId id = new Job.ConfigId(start.iteration(), chosen.s, start.index());
        Trial t = new Trial(id, source.next(chosen.rungs[0].budget), chosen, startedConfigurations++);
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
        if (result == null) {
            throw new IllegalArgumentException("result of job " + job.id() + " is null");
        }
        outstanding.remove(job.id());
        Trial t = trials.get(job.configId());
        Rung rung = t.bracket.rungs[job.rung()];
        rung.add(t, result, !result.isFailure() && job.rung() < t.bracket.rungs.length - 1);
        source.observe(handedOut, result);
        if (job.rung() == 0) {
            policy.firstResult(t.bracket.s);
        }
    }

    /** Whether the rungs rank by several objectives ({@link RungOrder#PARETO}). */
    @Override
    public boolean handlesSeveralObjectives() {
        return order == RungOrder.PARETO;
    }

    @Override
    public boolean isFinished() {
        if (!policy.exhausted() || !outstanding.isEmpty()) {
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

    /** A configuration and the bracket it races in. */
    record Trial(Job.ConfigId id, Configuration configuration, Bracket bracket, long sequence) {
    }

    /**
     * Adds earlier evaluations to the model of the configuration source (asynchronous BOHB's,
     * hyper-gp's, ParEGO's); ASHA, asynchronous Hyperband and MO-ASHA draw from the prior and
     * ignore them.
     */
    @Override
    public void warmStart(List<org.hpo4j.optimizer.PriorObservation> observations, double weight) {
        org.hpo4j.optimizer.WarmStartable.checkWeight(weight);
        source.warmStart(observations, weight);
    }

    static final class Bracket {
        final int s;
        final Rung[] rungs;

        Bracket(int s, HyperbandSchedule schedule, RungOrder order) {
            this.s = s;
            double[] budgets = schedule.rungBudgets(s);
            this.rungs = new Rung[s + 1];
            for (int k = 0; k <= s; k++) {
                rungs[k] = order == RungOrder.SCALAR ? new ScalarRung(budgets[k]) : new ParetoRung(budgets[k]);
            }
        }
    }
}
